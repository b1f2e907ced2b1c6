import { EventQueue } from '../../scheduling/event-queue.ts';

/**
 * Frames the network model holds back, released in (due time, send order) — the simulator's event
 * order — by one timer armed for the earliest. Node timers tick in whole milliseconds, so a frame is
 * released when the timer fires within `TIMER_SLACK_MS` of its due time rather than a tick late.
 */
export class DelayLine {
  private readonly now: () => number;
  private queue = new EventQueue();
  private timer: NodeJS.Timeout | undefined;
  private armedFor = Infinity;

  constructor(now: () => number) {
    this.now = now;
  }

  /** Runs `release` after `delayMs`, after every earlier-due (or equally due, earlier held) release. */
  hold(delayMs: number, release: () => void): void {
    const due = this.now() + delayMs;
    this.queue.push(due, release);
    if (due < this.armedFor) this.arm(due);
  }

  get size(): number {
    return this.queue.size;
  }

  /** Drops everything held. */
  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armedFor = Infinity;
    this.queue = new EventQueue();
  }

  private arm(due: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.armedFor = due;
    this.timer = setTimeout(this.fire, Math.max(0, due - this.now()));
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.armedFor = Infinity;
    const horizon = this.now() + TIMER_SLACK_MS;
    for (let due = this.queue.peekTime(); due !== undefined && due <= horizon; due = this.queue.peekTime()) {
      this.queue.pop()?.run?.();
    }
    const next = this.queue.peekTime();
    if (next !== undefined) this.arm(next);
  };
}

/** How early a held frame may be released: the granularity of Node's timers. */
export const TIMER_SLACK_MS = 1;
