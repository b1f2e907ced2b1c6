import { ConfigError } from '@faultline/core';
import { cancelEvent, EventQueue, type EventOwner, type SimEvent, type SubjectEvent } from '../scheduling/event-queue.ts';
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

  /**
   * Schedules `run` after `delayMs` (same rules as `after`) about `subject`, with the event as `this`:
   * what a simulated delivery uses, so it allocates no closure of its own.
   */
  afterFor<S>(delayMs: number, run: (this: SubjectEvent<S>) => void, owner: EventOwner | undefined, subject: S): SubjectEvent<S> {
    if (Number.isNaN(delayMs)) throw new ConfigError('delay', delayMs, 'must be a number of ms');
    const delay = delayMs > 0 ? Math.max(delayMs, TIME_RESOLUTION_MS) : 0;
    return this.queue.pushFor(this.time + delay, run, owner, subject);
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
        const outcome = this.runEvents();
        if (outcome === STALLED) break;
        if (outcome === EMPTY) {
          await drainMicrotasks();
          if (this.waiters.size === 0) break;
          this.fail(new SimulationStallError('no-events', this.seed, this.time, 'the program awaits something, but no event is scheduled that could settle it'));
          break;
        }
        this.asyncPending = false;
        await drainMicrotasks();
      }
    } finally {
      this.driving = false;
    }
  }

  /**
   * Runs events in order, synchronously, until one leaves promise continuations pending (ASYNC),
   * the queue is empty (EMPTY) or time is stuck (STALLED, the waiters failed). Kept apart from the
   * async `drive` so the per-event loop is plain code the JIT optimises as such. Nothing that runs
   * here can settle a waiter without marking async work, so the waiters need no re-check per event.
   */
  private runEvents(): typeof ASYNC | typeof EMPTY | typeof STALLED {
    const queue = this.queue;
    const watch = this.watch;
    for (;;) {
      const event = queue.pop();
      if (event === undefined) return EMPTY;
      if (event.run === undefined) continue;
      this.time = event.time;
      this.eventsRun++;
      if (watch.note(event.time, event.owner)) {
        this.fail(new SimulationStallError('time-stuck', this.seed, this.time, `${watch.limit} events ran without virtual time advancing`, watch.culprits()));
        return STALLED;
      }
      event.run();
      if (this.asyncPending) return ASYNC;
    }
  }

  /** Rejects everything the program awaits with `error`. */
  private fail(error: Error): void {
    for (const stall of [...this.waiters]) stall(error);
    this.waiters.clear();
  }
}

const ASYNC = 0;
const EMPTY = 1;
const STALLED = 2;

/** Lets every queued microtask (and those they queue) run: a macrotask turn. */
function drainMicrotasks(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
