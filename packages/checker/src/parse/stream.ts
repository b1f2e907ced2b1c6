import { open } from 'node:fs/promises';
import type { Deadline } from '../check/deadline.ts';
import { HistoryParseError } from '../history/errors.ts';
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

/** Options of `streamHistoryFile`. */
export interface StreamOptions {
  /** The format; detected from the first non-blank line when absent. */
  format?: HistoryFormat;
  /** Stops with HistoryBudgetError once this passes (looked at every few thousand lines). */
  deadline?: Deadline;
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
  const file = await open(path, 'r');
  try {
    let buffer: Buffer = Buffer.allocUnsafe(CHUNK);
    let filled = 0;
    let nextLine = 1;
    for (;;) {
      if (filled === buffer.length) buffer = grow(buffer);
      const { bytesRead } = await file.read(buffer, filled, buffer.length - filled, null);
      const end = filled + bytesRead;
      if (bytesRead === 0) {
        // The last line, without a newline after it.
        if (end > 0) forEachLine(buffer.toString('utf8', 0, end), onLine, options.deadline, nextLine);
        break;
      }
      // Decode up to the last newline (never splitting a UTF-8 sequence); carry the rest over.
      const cut = buffer.lastIndexOf(10, end - 1);
      if (cut < 0) {
        filled = end;
        continue;
      }
      nextLine += forEachLine(buffer.toString('utf8', 0, cut), onLine, options.deadline, nextLine);
      buffer.copy(buffer, 0, cut + 1, end);
      filled = end - cut - 1;
    }
  } finally {
    await file.close();
  }
  if (format === undefined) throw new HistoryParseError(0, 'history is empty: it has no events to check');
  return format;
}

function grow(buffer: Buffer): Buffer {
  const bigger = Buffer.allocUnsafe(buffer.length * 2);
  buffer.copy(bigger);
  return bigger;
}
