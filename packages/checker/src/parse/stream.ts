import type { Deadline } from '../check/deadline.ts';
import { HistoryBudgetError, HistoryParseError } from '../history/errors.ts';
import { openChunkSource } from './chunk-source.ts';
import type { HistoryEvent } from '../history/event.ts';
import { formatOfLine, lineParser } from './detect.ts';
import { forEachLine } from './lines.ts';
import type { HistoryFormat } from './parsed.ts';

/**
 * Bytes read from the file at a time (a longer line grows the buffer). Small enough that each
 * chunk's text is an ordinary young-generation string: a 1 MiB one goes to V8's large-object space
 * on fresh pages, and on this machine touching fresh pages costs about 5 ms per MiB.
 */
const CHUNK = 1 << 16;

/** Longest line a history may have: no event is that long, so a longer one is not a history (`/dev/zero`). */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Options of `streamHistoryFile`. */
export interface StreamOptions {
  /** The format; detected from the first non-blank line when absent. */
  format?: HistoryFormat;
  /** Stops with HistoryBudgetError once this passes (looked at every chunk and every few thousand lines). */
  deadline?: Deadline;
  /** A line longer than this (default and at most MAX_LINE_BYTES) is a HistoryParseError. */
  maxLineBytes?: number;
  /** The memory budget in bytes: a line that would need more than a quarter of it is a HistoryBudgetError. */
  memoryBytes?: number;
}

/**
 * Reads a history file a chunk at a time and calls `visit(event, line)` for each event, so the
 * file's text is never held whole (a 200 MB history would otherwise be a 200 MB string, plus the
 * events parsed from it). Returns the format. Throws HistoryParseError for a malformed line or a
 * blank file, and the file system's error when the file cannot be read.
 */
export async function streamHistoryFile(
  path: string,
  visit: (event: HistoryEvent, line: number) => void,
  options: StreamOptions = {},
): Promise<HistoryFormat> {
  let format = options.format;
  let parse = format === undefined ? undefined : lineParser(format);
  const onLine = (raw: string, line: number): void => {
    if (parse === undefined) {
      const first = raw.trim();
      if (first === '') return;
      format = formatOfLine(first, line);
      parse = lineParser(format);
    }
    const event = parse(raw, line);
    if (event !== undefined) visit(event, line);
  };
  const maxLine = Math.min(options.maxLineBytes ?? MAX_LINE_BYTES, MAX_LINE_BYTES);
  // A line's bytes, its text (up to 2 bytes a character) and what is parsed from it: about 4× its size.
  const lineBudget = options.memoryBytes === undefined ? Infinity : options.memoryBytes / 4;
  const deadline = options.deadline;
  const timedOut = (line: number) => () => new HistoryBudgetError(deadline?.reason('reading', `line ${line} (waiting for input)`) ?? 'timed out');
  const source = openChunkSource(path);
  try {
    let buffer: Buffer = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    let nextLine = 1;
    for (;;) {
      if (filled >= maxLine) throw new HistoryParseError(nextLine, `line is longer than ${mib(maxLine)} MiB (no history event is): is this a history file?`);
      if (filled === buffer.length) {
        if (filled * 2 > lineBudget) {
          throw new HistoryBudgetError(`the memory budget of ${mib(options.memoryBytes ?? 0)} MiB ran out reading line ${nextLine}, already ${mib(filled)} MiB long; raise --max-memory-mb`, 'memory');
        }
        buffer = grow(buffer);
      }
      const bytesRead = await source.read(buffer, filled, Math.min(buffer.length, maxLine) - filled, deadline, timedOut(nextLine));
      const end = filled + bytesRead;
      if (bytesRead === 0) {
        // The last line, without a newline after it.
        if (end > 0) forEachLine(buffer.toString('utf8', 0, end), onLine, deadline, nextLine);
        break;
      }
      // Decode up to the last newline (never splitting a UTF-8 sequence); carry the rest over.
      const cut = buffer.lastIndexOf(10, end - 1);
      if (cut < 0) {
        // A long line: look at the clock per chunk, as forEachLine does every few thousand lines.
        deadline?.check('reading', `line ${nextLine}`);
        filled = end;
        continue;
      }
      nextLine += forEachLine(buffer.toString('utf8', 0, cut), onLine, deadline, nextLine);
      buffer.copy(buffer, 0, cut + 1, end);
      filled = end - cut - 1;
    }
  } finally {
    source.close();
  }
  if (format === undefined) throw new HistoryParseError(0, 'history is empty: it has no events to check');
  return format;
}

function grow(buffer: Buffer): Buffer {
  const bigger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}

function mib(bytes: number): number {
  return Math.round((bytes / (1024 * 1024)) * 10) / 10;
}
