import { MAX_LINE_BYTES } from '../protocol/validate.ts';

/**
 * Splits a byte stream into lines with a bound: a line longer than `maxChars` is reported once
 * (`onTooLong`, with its start) and skipped up to its newline, so a program writing without
 * newlines cannot grow the harness's memory.
 */
export class LineSplitter {
  private buffer = '';
  private skipping = false;
  private readonly onLine: (line: string) => void;
  private readonly onTooLong: (start: string) => void;
  private readonly maxChars: number;

  constructor(onLine: (line: string) => void, onTooLong: (start: string) => void, maxChars = MAX_LINE_BYTES) {
    this.onLine = onLine;
    this.onTooLong = onTooLong;
    this.maxChars = maxChars;
  }

  push(chunk: string): void {
    let text = chunk;
    for (;;) {
      const nl = text.indexOf('\n');
      if (nl === -1) break;
      const line = this.buffer + text.slice(0, nl);
      this.buffer = '';
      text = text.slice(nl + 1);
      if (this.skipping) this.skipping = false;
      else this.onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    if (this.skipping) return;
    this.buffer += text;
    if (this.buffer.length > this.maxChars) {
      this.onTooLong(this.buffer.slice(0, 200));
      this.buffer = '';
      this.skipping = true;
    }
  }
}
