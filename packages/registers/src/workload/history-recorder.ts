import type { HistoryEvent } from '@faultline/checker';

/** Collects a Jepsen-style history: every invoke is followed by exactly one ok, fail or info. */
export class HistoryRecorder {
  readonly events: HistoryEvent[] = [];
  private readonly now: () => number;
  private readonly open = new Map<number, HistoryEvent>();

  /** `now` is the runtime's true time, never a node's possibly-skewed clock. */
  constructor(now: () => number) {
    this.now = now;
  }

  invoke(process: number, f: 'read' | 'write', key: string, value: HistoryEvent['value']): void {
    if (this.open.has(process)) throw new Error(`process ${process} already has an operation in flight`);
    const event: HistoryEvent = { type: 'invoke', process, f, key, value, time: this.now() };
    this.open.set(process, event);
    this.events.push(event);
  }

  complete(process: number, type: 'ok' | 'fail' | 'info', value: HistoryEvent['value']): void {
    const invoked = this.open.get(process);
    if (!invoked) throw new Error(`process ${process} has no operation in flight`);
    this.open.delete(process);
    this.events.push({ type, process, f: invoked.f, key: invoked.key as string, value, time: this.now() });
  }

  /** Renders the history as JSONL, the format `faultline check` reads. */
  toJsonl(): string {
    return this.events.map((e) => JSON.stringify(e)).join('\n') + '\n';
  }
}
