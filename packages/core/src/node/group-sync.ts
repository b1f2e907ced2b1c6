/**
 * Group commit for `storage.sync()`: every caller whose writes one flush covers shares that flush's
 * promise, so a hundred awaiting handlers cost one fsync, not a hundred. A flush covers the writes
 * made before it started; a caller that wrote after the flush in flight started waits for the next
 * one, which every such caller shares (one flush in flight, at most one queued). After the group
 * commit of PostgreSQL's WAL writer and Kafka's log flusher.
 */
export class GroupSync {
  private inFlight: { readonly promise: Promise<void>; readonly covers: number } | undefined;
  private queued: { readonly promise: Promise<void>; resolve(): void; reject(error: unknown): void } | undefined;
  private generation = 0;
  private readonly flush: () => Promise<void>;
  private readonly writes: () => number;

  /** `flush` makes every write so far durable; `writes` counts writes made so far (it only grows). */
  constructor(flush: () => Promise<void>, writes: () => number) {
    this.flush = flush;
    this.writes = writes;
  }

  /** Resolves once every write made before the call is durable. */
  sync(): Promise<void> {
    const written = this.writes();
    if (this.inFlight === undefined) return this.start();
    if (this.inFlight.covers >= written) return this.inFlight.promise;
    if (this.queued === undefined) {
      let resolve!: () => void, reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
      this.queued = { promise, resolve, reject };
    }
    return this.queued.promise;
  }

  /** Forgets the flushes in flight and queued (a crash): their callers are never answered. */
  reset(): void {
    this.generation++;
    this.inFlight = undefined;
    this.queued = undefined;
  }

  private start(): Promise<void> {
    const generation = this.generation;
    const covers = this.writes();
    const promise = this.flush().finally(() => {
      if (generation !== this.generation) return;
      this.inFlight = undefined;
      const next = this.queued;
      this.queued = undefined;
      if (next !== undefined) this.start().then(next.resolve, next.reject);
    });
    this.inFlight = { promise, covers };
    return promise;
  }
}
