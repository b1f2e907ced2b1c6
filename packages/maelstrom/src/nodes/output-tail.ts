/** Lines of a program's output kept for an error message: Maelstrom keeps 32 (process.clj `debug-buffer-size`). */
export const TAIL_LINES = 32;
/** Characters kept of each tail line. */
export const TAIL_LINE_CHARS = 300;

/**
 * The last lines a program wrote to a stream, bounded in count and width, to show in a start-up
 * failure or crash report (as Maelstrom's "Before crashing, it wrote to STDERR: …").
 */
export class OutputTail {
  private readonly kept: string[] = [];
  private partial = '';
  private readonly limit: number;

  constructor(limit = TAIL_LINES) {
    this.limit = limit;
  }

  push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = (parts.pop() ?? '').slice(-TAIL_LINE_CHARS);
    for (const line of parts.slice(-this.limit)) this.keep(line);
  }

  /** The kept lines, oldest first, the unfinished last line included; control characters escaped. */
  lines(): string[] {
    const all = this.partial === '' ? this.kept : [...this.kept, this.partial];
    return all.slice(-this.limit).map(printable);
  }

  private keep(line: string): void {
    this.kept.push(line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}…` : line);
    if (this.kept.length > this.limit) this.kept.shift();
  }
}

/** Text safe to print on a terminal: control characters (escape sequences included) shown as `\xNN`. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
