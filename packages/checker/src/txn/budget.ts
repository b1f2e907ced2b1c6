import { TxnCheckUnknown } from './anomaly.ts';
import { unknownResult, type TxnCheckResult } from './result.ts';

/** Time and memory limits of a transactional check; running out gives `unknown` with the reason. */
export interface TxnBudget {
  /** Give up after this many ms from `startedAt` (default: no limit). */
  readonly timeoutMs?: number;
  /** Give up once the heap holds more than this many MiB (default 2048). */
  readonly maxMemoryMb?: number;
  /** When the clock started (performance.now), default: when the check began. */
  readonly startedAt?: number;
}

/** Checks the budget between phases; throws TxnCheckUnknown('budget', ...) naming the phase. */
export class BudgetGuard {
  readonly deadlineAt: number;
  private readonly maxBytes: number;

  constructor(b: TxnBudget) {
    this.deadlineAt = b.timeoutMs === undefined ? Infinity : (b.startedAt ?? performance.now()) + b.timeoutMs;
    this.maxBytes = (b.maxMemoryMb ?? 2048) * 1024 * 1024;
  }

  /** Throws if time or memory ran out before or during `phase`. */
  check(phase: string): void {
    if (performance.now() > this.deadlineAt) throw new TxnCheckUnknown('budget', `the time budget ran out while ${phase}. Raise --timeout-ms to finish`);
    const used = process.memoryUsage().heapUsed;
    if (used > this.maxBytes) throw new TxnCheckUnknown('budget', `the memory budget ran out while ${phase}: ${Math.round(used / 1048576)} MiB in use, over ${Math.round(this.maxBytes / 1048576)} MiB. Raise --max-memory-mb to finish`);
  }
}

/** Runs a transactional check under its budget: running out of time or memory ends it `unknown` with the reason. */
export function checkWithinBudget(options: TxnBudget, run: (guard: BudgetGuard) => TxnCheckResult): TxnCheckResult {
  const guard = new BudgetGuard(options);
  try {
    return run(guard);
  } catch (e) {
    if (e instanceof TxnCheckUnknown) return unknownResult(`${e.type}: ${e.message}`);
    if (e instanceof RangeError) return unknownResult(`budget: ran out of memory (${e.message})`);
    throw e;
  }
}
