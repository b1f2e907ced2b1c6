/** A history file or text could not be read as events; names the line and what was wrong. */
export class HistoryParseError extends Error {
  override readonly name = 'HistoryParseError';
  /** 1-based line number in the input, or 0 when the problem is not tied to one line. */
  readonly line: number;

  constructor(line: number, problem: string) {
    super(line > 0 ? `line ${line}: ${problem}` : problem);
    this.line = line;
  }
}

/** Events could not be paired into operations (e.g. two outstanding invokes on one process). */
export class HistoryPairingError extends Error {
  override readonly name = 'HistoryPairingError';
  /** 1-based line (or event number, when lines are unknown) of the offending event. */
  readonly line: number;
  /** The process whose events did not pair up. */
  readonly process: number;

  constructor(line: number, process: number, problem: string) {
    super(`line ${line} (process ${process}): ${problem}`);
    this.line = line;
    this.process = process;
  }
}

/** Which budget ran out: the time (`--timeout-ms`) or the memory (`--max-memory-mb`). */
export type BudgetKind = 'time' | 'memory';

/** A check ran out of its time or memory budget before the search (e.g. while reading); the check ends `unknown`. */
export class HistoryBudgetError extends Error {
  override readonly name = 'HistoryBudgetError';
  /** Which budget ran out. */
  readonly budget: BudgetKind;

  constructor(message: string, budget: BudgetKind = 'time') {
    super(message);
    this.budget = budget;
  }
}
