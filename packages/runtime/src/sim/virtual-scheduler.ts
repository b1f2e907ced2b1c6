import { ConfigError } from '@faultline/core';
import { cancelEvent, EventQueue, type EventOwner, type SimEvent } from '../scheduling/event-queue.ts';
import { DEFAULT_STALL_AFTER_EVENTS, SimulationStallError, StallWatch } from './stall.ts';

/**
 * The simulator's time resolution (ms): a positive delay shorter than this still moves time on by
 * this much. Without it a delay below floating-point resolution (5.7e-14 ms at t = 500 ms, from a
 * drifting clock's re-armed deadline) leaves time where it is, and the timer fires forever.
 */
export const TIME_RESOLUTION_MS = 0.001;

/** Settings of a scheduler: the run's seed (named in stall reports) and the stall threshold. */
export interface SchedulerOptions {
  readonly seed?: number;
  /** Events at one virtual instant after which the run is reported stalled. Default 1,000,000. */
  readonly stallAfterEvents?: number;
}

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
  private readonly seed: number | undefined;
  private readonly watch: StallWatch;

  constructor(options: SchedulerOptions = {}) {
    this.seed = options.seed;
    this.watch = new StallWatch(options.stallAfterEvents ?? DEFAULT_STALL_AFTER_EVENTS);
  }

  now(): number {
    return this.time;
  }

  at(time: number, run: () => void, owner?: EventOwner): SimEvent {
    // NaN would sort nowhere in the queue: time must move forward from a number.
    if (Number.isNaN(time)) throw new ConfigError('event time', time, 'must be a number of virtual ms');
    return this.queue.push(Math.max(time, this.time), run, owner);
  }

  /** Schedules `run` after `delayMs`; a positive delay always moves time on (by at least the resolution). */
  after(delayMs: number, run: () => void, owner?: EventOwner): SimEvent {
    if (Number.isNaN(delayMs)) throw new ConfigError('delay', delayMs, 'must be a number of ms');
    const delay = delayMs > 0 ? Math.max(delayMs, TIME_RESOLUTION_MS) : 0;
    return this.queue.push(this.time + delay, run, owner);
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
          this.fail(new SimulationStallError('no-events', this.seed, this.time, 'the program awaits something, but no event is scheduled that could settle it'));
          break;
        }
        const run = event.run;
        if (!run) continue;
        this.time = event.time;
        this.eventsRun++;
        if (this.watch.note(event.time, event.owner)) {
          this.fail(new SimulationStallError('time-stuck', this.seed, this.time, `${this.watch.limit} events ran without virtual time advancing`, this.watch.culprits()));
          break;
        }
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

  /** Rejects everything the program awaits with `error`. */
  private fail(error: Error): void {
    for (const stall of [...this.waiters]) stall(error);
    this.waiters.clear();
  }
}

/** Lets every queued microtask (and those they queue) run: a macrotask turn. */
function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
