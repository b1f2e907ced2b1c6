import { cancelEvent, EventQueue, type SimEvent } from './event-queue.ts';

/**
 * Virtual time and its driver. Time advances only while the program awaits something the
 * simulation will settle (a sleep, an ask): then events run in (time, seq) order as fast as the
 * CPU allows. After any event that settles a promise, microtasks are drained before the next
 * event, so `await` continuations run at the virtual instant they belong to.
 */
export class VirtualScheduler {
  private readonly queue = new EventQueue();
  private time = 0;
  private readonly waiters = new Set<(error: Error) => void>();
  private driving = false;
  private asyncPending = false;
  /** Events run so far. */
  eventsRun = 0;

  now(): number {
    return this.time;
  }

  at(time: number, run: () => void): SimEvent {
    return this.queue.push(Math.max(time, this.time), run);
  }

  after(delayMs: number, run: () => void): SimEvent {
    return this.queue.push(this.time + Math.max(0, delayMs), run);
  }

  cancel(event: SimEvent): void {
    cancelEvent(event);
  }

  /** Notes that promise continuations are pending; they run before the next event. */
  markAsync(): void {
    this.asyncPending = true;
  }

  /** Drives the simulation until `promise` settles, then returns its value. */
  until<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const stall = (error: Error) => reject(error);
      this.waiters.add(stall);
      promise.then(
        (value) => { this.waiters.delete(stall); resolve(value); },
        (error: unknown) => { this.waiters.delete(stall); reject(error); },
      );
      this.asyncPending = true;
      void this.drive();
    });
  }

  /** Resolves after `ms` of virtual time. */
  sleep(ms: number): Promise<void> {
    return this.until(new Promise<void>((resolve) => this.after(ms, () => {
      this.asyncPending = true;
      resolve();
    })));
  }

  private async drive(): Promise<void> {
    if (this.driving) return;
    this.driving = true;
    try {
      await drainMicrotasks();
      while (this.waiters.size > 0) {
        const event = this.queue.pop();
        if (!event) {
          await drainMicrotasks();
          if (this.waiters.size === 0) break;
          const stalled = new Error('simulation stalled: the program awaits something, but no event is scheduled that could settle it');
          for (const stall of [...this.waiters]) stall(stalled);
          this.waiters.clear();
          break;
        }
        const run = event.run;
        if (!run) continue;
        this.time = event.time;
        this.eventsRun++;
        run();
        if (this.asyncPending) {
          this.asyncPending = false;
          await drainMicrotasks();
        }
      }
    } finally {
      this.driving = false;
    }
  }
}

/** Lets every queued microtask (and those they queue) run: a macrotask turn. */
function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
