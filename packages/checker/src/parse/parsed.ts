import type { HistoryEvent } from '../history/event.ts';

/** The history text formats the checker reads. */
export const HISTORY_FORMATS = ['jsonl', 'jepsen-edn', 'etcd-log'] as const;

/** faultline JSONL, Jepsen EDN (one map per line), or the etcd Jepsen log of Porcupine's corpus. */
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** Events read from a history text, with the format and each event's 1-based source line. */
export interface ParsedHistory {
  /** Which format the text was read as. */
  format: HistoryFormat;
  /** The events, in file order. */
  events: HistoryEvent[];
  /** `lines[i]` is the source line of `events[i]`. */
  lines: number[];
}
