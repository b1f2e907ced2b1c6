import type { CheckResult, HistoryEvent } from '@faultline/checker';
import type { RunRecorder } from '@faultline/report';
import type { NemesisLogEntry } from '@faultline/transport';

/** Puts a checked history and the nemesis's steps into a run folder, on the cluster's one clock. */
export function recordRun(record: RunRecorder | undefined, name: string, model: string, events: readonly HistoryEvent[], check: CheckResult | undefined, nemesis: readonly NemesisLogEntry[]): void {
  if (record === undefined) return;
  if (events.length > 0) record.history({ name, model, events, ...(check ? { check } : {}) });
  record.nemesisSteps(nemesis.map((e) => ({ t: e.now ?? e.at, op: e.op, text: e.text })));
}

/** The checker's verdict as a seed's verdict: linearizable passes, anything else fails with its explanation. */
export function verdictOf(check: CheckResult, passed: string): { ok: boolean; explanation: string } {
  if (check.verdict === 'linearizable') return { ok: true, explanation: passed };
  return { ok: false, explanation: `${check.verdict}: ${check.explanation}` };
}
