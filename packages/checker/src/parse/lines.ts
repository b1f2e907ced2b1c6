import { HistoryBudgetError } from '../history/errors.ts';

/** Lines checked between two looks at the clock while parsing. */
const CLOCK_EVERY = 8192;

/**
 * Calls `visit(line, lineNumber)` for each line of `text` (1-based numbers; `\n` or `\r\n`),
 * without splitting the whole text into an array first. When `deadline` (a `performance.now()`
 * time) passes, throws HistoryBudgetError, so a time budget holds while a large file is read.
 */
export function forEachLine(text: string, visit: (line: string, lineNumber: number) => void, deadline = Infinity): void {
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const line = end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    visit(line, lineNumber);
    start = end + 1;
    if (lineNumber % CLOCK_EVERY === 0 && performance.now() > deadline) {
      throw new HistoryBudgetError(`the time budget ran out while reading line ${lineNumber}`);
    }
  }
}
