import type { NemesisLogEntry } from '@faultline/transport';
import type { NemesisRecord } from './layout.ts';

/**
 * A nemesis log entry as a `nemesis.jsonl` record at time `t` (on the run's one clock): keeps
 * how late the step started and, for a step that never ran, why it was skipped.
 */
export function nemesisRecord(entry: NemesisLogEntry, t: number, history?: string): NemesisRecord {
  return {
    t, op: entry.op, text: entry.text,
    ...(history === undefined ? {} : { history }),
    ...(entry.lateMs === undefined ? {} : { lateMs: entry.lateMs }),
    ...(entry.skipped ? { skipped: entry.error ?? 'skipped' } : {}),
  };
}
