import { performance } from 'node:perf_hooks';
import { VirtualScheduler } from '@faultline/runtime';

/** A timer handle a scheduler can cancel. */
export interface TimerHandle {
  cancel(): void;
}

/** Time for one test run: real (external programs) or virtual (in-process nodes, replayable). */
export interface Scheduler {
  readonly kind: 'real' | 'virtual';
  /** ms since the run started. */
  now(): number;
  after(ms: number, run: () => void): TimerHandle;
  sleep(ms: number): Promise<void>;
  /** Runs `body` to completion; in virtual time this is what advances the clock. */
  drive<T>(body: Promise<T>): Promise<T>;
}

/** Wall-clock time: what external processes live in. Nothing here replays. */
export class RealScheduler implements Scheduler {
  readonly kind = 'real';
  private readonly start = performance.now();
  private readonly timers = new Set<NodeJS.Timeout>();

  now(): number {
    return performance.now() - this.start;
  }

  after(ms: number, run: () => void): TimerHandle {
    const t = setTimeout(() => {
      this.timers.delete(t);
      run();
    }, Math.max(0, ms));
    this.timers.add(t);
    return { cancel: () => { clearTimeout(t); this.timers.delete(t); } };
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  drive<T>(body: Promise<T>): Promise<T> {
    return body;
  }

  /** Cancels every pending timer (end of run). */
  cancelAll(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

/** Virtual time on faultline's simulator scheduler: events run in (time, seq) order, so a seed replays. */
export class SimScheduler implements Scheduler {
  readonly kind = 'virtual';
  private readonly v = new VirtualScheduler();

  now(): number {
    return this.v.now();
  }

  after(ms: number, run: () => void): TimerHandle {
    const event = this.v.after(ms, () => {
      run();
      // Let promise continuations (client code awaiting a reply) run at this same instant.
      this.v.markAsync();
    });
    return { cancel: () => this.v.cancel(event) };
  }

  sleep(ms: number): Promise<void> {
    return this.v.sleep(ms);
  }

  drive<T>(body: Promise<T>): Promise<T> {
    return this.v.until(body);
  }
}
