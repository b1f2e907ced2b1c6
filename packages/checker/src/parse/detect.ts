import { readFile } from 'node:fs/promises';
import { HistoryParseError } from '../history/errors.ts';
import type { Deadline } from '../check/deadline.ts';
import type { HistoryEvent } from '../history/event.ts';
import { parseJsonl, parseJsonlLine } from './jsonl.ts';
import { parseEtcdLog, parseEtcdLogLine } from './etcd-log.ts';
import { parseJepsenEdn, parseJepsenEdnLine } from './jepsen-edn.ts';
import type { HistoryFormat, ParsedHistory } from './parsed.ts';

/** Guesses a history's format from its first non-blank line; undefined when the text is blank. */
export function detectFormat(text: string): HistoryFormat | undefined {
  let index = -1;
  let first = '';
  for (let start = 0, line = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    first = text.slice(start, end).trim();
    if (first !== '') {
      index = line;
      break;
    }
    start = end + 1;
  }
  if (index < 0) return undefined;
  return formatOfLine(first, index + 1);
}

/** The format a history whose first non-blank line (trimmed, number `line`) is `first` is in. */
export function formatOfLine(first: string, line: number): HistoryFormat {
  if (/^\{\s*"/.test(first)) return 'jsonl';
  if (/^\{\s*:/.test(first)) return 'jepsen-edn';
  if (/^INFO\s+jepsen\.util\s+-/.test(first)) return 'etcd-log';
  throw new HistoryParseError(
    line,
    'unrecognised history format: expected a JSONL event ({"type": ...}), ' +
      'a Jepsen EDN map ({:process ...}) or an etcd log line (INFO  jepsen.util - ...)',
  );
}

/** The one-line parser of a format: an event, or undefined for a line that carries none. */
export function lineParser(format: HistoryFormat): (raw: string, line: number) => HistoryEvent | undefined {
  switch (format) {
    case 'jsonl':
      return parseJsonlLine;
    case 'jepsen-edn':
      return parseJepsenEdnLine;
    case 'etcd-log':
      return parseEtcdLogLine;
    default: {
      const never: never = format;
      throw new Error(`unknown history format ${String(never)}`);
    }
  }
}

/**
 * Parses history text in the given format, or the detected one.
 * Throws HistoryParseError for blank text: an empty history has no verdict worth reporting, and
 * HistoryBudgetError once `deadline` (a `performance.now()` time, or a Deadline) has passed.
 */
export function parseHistory(text: string, format?: HistoryFormat, deadline: number | Deadline = Infinity): ParsedHistory {
  const chosen = format ?? detectFormat(text);
  if (chosen === undefined) throw new HistoryParseError(0, 'history is empty: it has no events to check');
  switch (chosen) {
    case 'jsonl':
      return parseJsonl(text, deadline);
    case 'jepsen-edn':
      return parseJepsenEdn(text, deadline);
    case 'etcd-log':
      return parseEtcdLog(text, deadline);
    default: {
      const never: never = chosen;
      throw new Error(`unknown history format ${String(never)}`);
    }
  }
}

/** Reads and parses a history file, detecting its format unless one is given. */
export async function readHistoryFile(path: string, format?: HistoryFormat): Promise<ParsedHistory> {
  return parseHistory(await readFile(path, 'utf8'), format);
}
