import type { AskOutcome } from '@faultline/core';
import type { Invocation, Recorder, ReplyValue } from './recorder.ts';

/**
 * One client process of a {@link Recorder}: runs one operation at a time, and after an
 * unknown outcome continues under a fresh process id, because the old operation may still
 * take effect later (the checker allows one outstanding operation per process).
 */
export class RecordingClient {
  private readonly recorder: Recorder;
  private current: number;

  constructor(recorder: Recorder) {
    this.recorder = recorder;
    this.current = recorder.freshProcess();
  }

  /** The process id this client records under now. */
  get process(): number {
    return this.current;
  }

  /** Runs `ask` as one recorded operation (see `Recorder.record`) and returns its outcome. */
  async record<R>(op: Invocation, ask: () => Promise<AskOutcome<R>>, reply?: ReplyValue<R>): Promise<AskOutcome<R>> {
    let outcome: AskOutcome<R> | undefined;
    try {
      outcome = await this.recorder.record(this.current, op, ask, reply);
      return outcome;
    } finally {
      if (outcome === undefined || outcome.status === 'unknown') this.current = this.recorder.freshProcess();
    }
  }
}
