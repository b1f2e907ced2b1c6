import { formatJsonl, isJsonValue, type HistoryEvent, type JsonValue, type OpFunction } from '@faultline/checker';
import type { AskOutcome } from '@faultline/core';
import { completionOf, type Completion } from './completion.ts';
import { RecorderError } from './errors.ts';
import { RecordingClient } from './recording-client.ts';

/** What the user records for an operation: its name, optional key and argument, as the checker's model reads them. */
export interface Invocation {
  /** The operation name the model understands, e.g. `add`, `read`, `generate`, `write`. */
  readonly f: OpFunction;
  /** The key, for keyed models (kv, registers per key, a set or counter per key). */
  readonly key?: string;
  /** The argument: the element or amount added, the value written; null (default) for reads. */
  readonly value?: JsonValue;
}

/** Turns an ok reply into the value the history records, e.g. `(reply) => reply.total` for a read. */
export type ReplyValue<R> = (reply: R) => JsonValue;

/**
 * Collects a Jepsen-style history for any API: every invoke is followed by exactly one
 * completion, `ok`, `fail` or `info`, taken from the ask's outcome. Times come from `now`:
 * pass the runtime's true time (`() => cluster.now()`), never a node's possibly-skewed clock.
 * The events are what `faultline check` and `checkHistory` read.
 */
export class Recorder {
  /** Every event so far, in the order they happened. */
  readonly events: HistoryEvent[] = [];
  private readonly now: () => number;
  private readonly open = new Map<number, HistoryEvent>();
  private nextProcess = 0;

  constructor(now: () => number) {
    this.now = now;
  }

  /**
   * A new client process: it records one operation at a time, and after an `info` it takes
   * a fresh process id, since its operation may still be in flight (Jepsen's rule). Clients take
   * ids above every id used so far; if you also pass process ids yourself, pick them first.
   */
  client(): RecordingClient {
    return new RecordingClient(this);
  }

  /** A process id no client of this recorder has used. */
  freshProcess(): number {
    return this.nextProcess++;
  }

  /** Records that `process` invokes an operation; throws if it already has one in flight. */
  invoke(process: number, op: Invocation): void {
    if (this.open.has(process)) throw new RecorderError(process, 'already has an operation in flight; a process runs one at a time');
    this.nextProcess = Math.max(this.nextProcess, process + 1);
    const value = op.value ?? null;
    if (!isJsonValue(value)) throw new RecorderError(process, `the value of ${op.f} must be a JSON value; got ${String(value)}`);
    const event: HistoryEvent =
      op.key === undefined
        ? { type: 'invoke', process, f: op.f, value, time: this.now() }
        : { type: 'invoke', process, f: op.f, key: op.key, value, time: this.now() };
    this.open.set(process, event);
    this.events.push(event);
  }

  /** Records how `process`'s operation in flight ended; `value` defaults to the invoke's value. */
  complete(process: number, type: Completion, value?: JsonValue): void {
    const invoked = this.open.get(process);
    if (invoked === undefined) throw new RecorderError(process, `has no operation in flight to complete with ${type}`);
    const recorded = value === undefined ? invoked.value : value;
    if (!isJsonValue(recorded)) throw new RecorderError(process, `the ${type} value of ${invoked.f} must be a JSON value; got ${String(recorded)}`);
    this.open.delete(process);
    const { f, key } = invoked;
    this.events.push(key === undefined ? { type, process, f, value: recorded, time: this.now() } : { type, process, f, key, value: recorded, time: this.now() });
  }

  /**
   * Runs `ask` as one operation of `process`: an invoke now, then one completion from its
   * outcome. An ok reply is recorded as `reply(value)` (the invoke's value when absent); fail
   * and info repeat the invoke's value. If `ask` (or `reply`) throws, the operation is recorded
   * as info (it may have happened) and the error is rethrown.
   */
  async record<R>(process: number, op: Invocation, ask: () => Promise<AskOutcome<R>>, reply?: ReplyValue<R>): Promise<AskOutcome<R>> {
    this.invoke(process, op);
    let outcome: AskOutcome<R>;
    try {
      outcome = await ask();
    } catch (e) {
      this.complete(process, 'info');
      throw e;
    }
    let value: JsonValue | undefined;
    try {
      value = outcome.status === 'ok' && reply !== undefined ? reply(outcome.value) : undefined;
    } catch (e) {
      this.complete(process, 'info'); // the operation happened, but what it returned cannot be recorded
      throw e;
    }
    this.complete(process, completionOf(outcome), value);
    return outcome;
  }

  /** Processes with an operation in flight (each ends as unknown if the history ends now). */
  get inFlight(): number {
    return this.open.size;
  }

  /** The history as JSONL, the format `faultline check` reads. */
  toJsonl(): string {
    return formatJsonl(this.events);
  }
}
