import { HistoryBudgetError } from '../history/errors.ts';

/** The phases of a check, in order; a time budget that runs out names the one it ran out in. */
export type CheckPhase = 'reading' | 'pairing' | 'partitioning' | 'simplifying' | 'preparing' | 'indexing' | 'searching';

/** Items (lines, events, operations) a phase handles between two looks at the clock. */
export const CLOCK_EVERY = 8192;

/**
 * The time budget of one check, on an injectable clock: every phase calls `check` every
 * CLOCK_EVERY items, so the budget holds to within the time one such batch takes.
 */
export class Deadline {
  /** The clock the budget is measured on, in ms. */
  readonly clock: () => number;
  /** The clock reading at which the budget runs out (Infinity: never). */
  readonly at: number;
  /** The budget in ms, for messages (undefined: no budget). */
  readonly timeoutMs: number | undefined;

  constructor(clock: () => number, at: number, timeoutMs: number | undefined) {
    this.clock = clock;
    this.at = at;
    this.timeoutMs = timeoutMs;
  }

  /** A budget of `timeoutMs` from `startedAt` (default: now) on `clock` (default: `performance.now`). */
  static of(options: { timeoutMs?: number | undefined; clock?: (() => number) | undefined; startedAt?: number | undefined }): Deadline {
    const clock = options.clock ?? (() => performance.now());
    const { timeoutMs } = options;
    return new Deadline(clock, timeoutMs === undefined ? Infinity : (options.startedAt ?? clock()) + timeoutMs, timeoutMs);
  }

  /** A `performance.now()` time as a deadline (the older number form of a budget). */
  static atTime(at: number): Deadline {
    return new Deadline(() => performance.now(), at, undefined);
  }

  /** Whether the budget has run out. */
  passed(): boolean {
    return this.at !== Infinity && this.clock() >= this.at;
  }

  /** Why the check stopped, naming the phase, e.g. `the time budget of 500 ms ran out while pairing events`. */
  reason(phase: CheckPhase, where = ''): string {
    const budget = this.timeoutMs === undefined ? 'the time budget' : `the time budget of ${this.timeoutMs} ms`;
    return `${budget} ran out while ${PHASE_WORDS[phase]}${where === '' ? '' : ` ${where}`}`;
  }

  /** Throws HistoryBudgetError naming the phase once the budget has run out. */
  check(phase: CheckPhase, where = ''): void {
    if (this.passed()) throw new HistoryBudgetError(this.reason(phase, where));
  }
}

const PHASE_WORDS: Readonly<Record<CheckPhase, string>> = {
  reading: 'reading',
  pairing: 'pairing events into operations',
  partitioning: 'partitioning the operations',
  simplifying: 'simplifying the operations',
  preparing: 'preparing the operations for the search',
  indexing: 'indexing the operations for the search',
  searching: 'searching',
};

/** A deadline given either as a `performance.now()` time (number) or a Deadline. */
export function toDeadline(deadline: number | Deadline): Deadline {
  return typeof deadline === 'number' ? Deadline.atTime(deadline) : deadline;
}
