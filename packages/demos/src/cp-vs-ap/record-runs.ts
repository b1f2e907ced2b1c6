import type { RunRecorder } from '@faultline/report';
import type { ExperimentResult } from '@faultline/registers';
import { diffCounters } from '@faultline/transport';

/** Gives a report the two experiments of cp-vs-ap: histories, checks, nemesis steps, counters. */
export function recordRuns(record: RunRecorder, cp: ExperimentResult, ap: ExperimentResult): void {
  for (const [name, r] of [['cp', cp], ['ap', ap]] as const) {
    record.history({
      name, model: 'register', events: r.history, check: r.linearizability,
      nodeOfProcess: Object.fromEntries([...r.nodeOfProcess].map(([p, n]) => [String(p), n])),
      ...(r.messagesPerOp > 0 ? { messagesPerOp: r.messagesPerOp } : {}),
    });
    record.nemesisSteps(r.nemesisLog.map((e) => ({ t: e.now ?? e.at, op: e.op, text: e.text, history: name })));
  }
  // One network carries both runs: the AP run's counters are what it added after the CP run.
  record.countersSnapshot('cp', cp.network);
  record.countersSnapshot('ap', diffCounters(cp.network, ap.network));
}
