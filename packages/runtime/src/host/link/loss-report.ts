/** How often at most a node reports the messages one link lost for one reason (ms). */
export const LOSS_REPORT_MS = 250;

/** One coalesced report: `count` envelopes on `from->to` dropped for `reason` since the last report of that link and reason. */
export interface LossCount {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly count: number;
}

/** Runs `fn` after `ms`; returns a function that cancels it (injected so tests drive time by hand). */
export type ScheduleOnce = (fn: () => void, ms: number) => () => void;

const realSchedule: ScheduleOnce = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

/**
 * Coalesces a node's drops into reports for its driver: drops add up per link and reason, and
 * LOSS_REPORT_MS after the first one every sum is reported once and reset. So a flood that drops a
 * million envelopes costs at most one report per link and reason per interval, never one per
 * message, and the counts reported add up to the drops counted in `messageStats()`.
 */
export class LossReport {
  private pending = new Map<string, { from: string; to: string; reason: string; count: number }>();
  private cancel: (() => void) | undefined;
  private readonly report: (loss: LossCount) => void;
  private readonly schedule: ScheduleOnce;

  constructor(report: (loss: LossCount) => void, schedule: ScheduleOnce = realSchedule) {
    this.report = report;
    this.schedule = schedule;
  }

  /** Notes `n` envelopes on `from->to` dropped for `reason`. */
  add(from: string, to: string, reason: string, n: number): void {
    if (n <= 0) return;
    const key = `${from}>${to}>${reason}`;
    const entry = this.pending.get(key);
    if (entry === undefined) this.pending.set(key, { from, to, reason, count: n });
    else entry.count += n;
    this.cancel ??= this.schedule(this.flush, LOSS_REPORT_MS);
  }

  /** Reports every pending sum now (also when the node closes). */
  readonly flush = (): void => {
    this.cancel?.();
    this.cancel = undefined;
    const pending = this.pending;
    if (pending.size === 0) return;
    this.pending = new Map();
    for (const loss of pending.values()) this.report(loss);
  };
}
