import { readFile } from 'node:fs/promises';
import { HistoryParseError } from '../history/errors.ts';
import { parseJsonl } from './jsonl.ts';
import { parseEtcdLog } from './etcd-log.ts';
import { parseJepsenEdn } from './jepsen-edn.ts';
import type { HistoryFormat, ParsedHistory } from './parsed.ts';

/** Guesses a history's format from its first non-blank line; undefined when the text is blank. */
export function detectFormat(text: string): HistoryFormat | undefined {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => l.trim() !== '');
  if (index < 0) return undefined;
  const first = lines[index]!.trim();
  if (/^\{\s*"/.test(first)) return 'jsonl';
  if (/^\{\s*:/.test(first)) return 'jepsen-edn';
  if (/^INFO\s+jepsen\.util\s+-/.test(first)) return 'etcd-log';
  throw new HistoryParseError(
    index + 1,
    'unrecognised history format: expected a JSONL event ({"type": ...}), ' +
      'a Jepsen EDN map ({:process ...}) or an etcd log line (INFO  jepsen.util - ...)',
  );
}

/**
 * Parses history text in the given format, or the detected one.
 * Throws HistoryParseError for blank text: an empty history has no verdict worth reporting.
 */
export function parseHistory(text: string, format?: HistoryFormat): ParsedHistory {
  const chosen = format ?? detectFormat(text);
  if (chosen === undefined) throw new HistoryParseError(0, 'history is empty: it has no events to check');
  switch (chosen) {
    case 'jsonl':
      return parseJsonl(text);
    case 'jepsen-edn':
      return parseJepsenEdn(text);
    case 'etcd-log':
      return parseEtcdLog(text);
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
