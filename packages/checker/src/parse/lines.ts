import { CLOCK_EVERY, toDeadline, type Deadline } from '../check/deadline.ts';

/**
 * Calls `visit(line, lineNumber)` for each line of `text` (numbered from `firstLine`; `\n` or
 * `\r\n`), without splitting the whole text into an array first. Every CLOCK_EVERY lines it looks
 * at `deadline` (a `performance.now()` time or a Deadline) and throws HistoryBudgetError once it
 * has passed, so a time budget holds while a large file is read. Returns the number of lines.
 */
export function forEachLine(
  text: string,
  visit: (line: string, lineNumber: number) => void,
  deadline: number | Deadline = Infinity,
  firstLine = 1,
): number {
  const budget = toDeadline(deadline);
  let start = 0;
  let lineNumber = firstLine - 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    lineNumber++;
    const line = end > start && text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    visit(line, lineNumber);
    start = end + 1;
    if (lineNumber % CLOCK_EVERY === 0) budget.check('reading', `line ${lineNumber}`);
  }
  return lineNumber - firstLine + 1;
}
