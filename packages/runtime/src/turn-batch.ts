/**
 * Collects items and hands them on once per event-loop turn, as one array: a node's reports
 * (events, logs) cost one message to its controller per turn, however many there are.
 */
export class TurnBatch<T> {
  private queue: T[] = [];
  private scheduled = false;
  private readonly send: (items: T[]) => void;

  constructor(send: (items: T[]) => void) {
    this.send = send;
  }

  push(item: T): void {
    this.queue.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.flush);
  }

  /** Hands on what is queued now (before a report that must not wait, like `fatal`). */
  readonly flush = (): void => {
    this.scheduled = false;
    const queue = this.queue;
    if (queue.length === 0) return;
    this.queue = [];
    this.send(queue);
  };
}
