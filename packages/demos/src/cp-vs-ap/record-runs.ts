import { nemesisRecord, type RunRecorder } from '@faultline/report';
import { checkHistory, registerModel, type HistoryEvent } from '@faultline/checker';
import type { ExperimentResult } from '@faultline/registers';
import { diffCounters } from '@faultline/transport';

/**
 * Gives a report the two experiments of cp-vs-ap: histories, checks, nemesis steps, counters, all
 * on one clock — the cluster's true time, which the message trace and membership events use. A
 * history counts from its workload's start (as Jepsen's do), so it is shifted by that start and
 * checked again on the shifted times (the checker's explanation quotes times).
 */
export function recordRuns(record: RunRecorder, cp: ExperimentResult, ap: ExperimentResult, raft?: ExperimentResult): void {
  const runs: [string, ExperimentResult][] = [['cp', cp], ['ap', ap], ...(raft ? [['raft', raft] as [string, ExperimentResult]] : [])];
  for (const [name, r] of runs) {
    const events = onClusterClock(r.history, r.historyStartMs);
    record.history({
      name, model: 'register', events, check: checkHistory(registerModel, events, { timeoutMs: 20_000 }),
      nodeOfProcess: Object.fromEntries([...r.nodeOfProcess].map(([p, n]) => [String(p), n])),
      ...(r.messagesPerOp > 0 ? { messagesPerOp: r.messagesPerOp } : {}),
    });
    // `now` is the cluster's time as the step ran; the schedule time `at` counts from the workload's start.
    record.nemesisSteps(r.nemesisLog.map((e) => nemesisRecord(e, e.now ?? e.at + r.historyStartMs, name)));
  }
  // One network carries both runs: the AP run's counters are what it added after the CP run.
  record.countersSnapshot('cp', cp.network);
  record.countersSnapshot('ap', diffCounters(cp.network, ap.network));
  if (raft) record.countersSnapshot('raft', diffCounters(ap.network, raft.network));
}

/** A history with every time moved from "ms since the workload started" to the cluster's true time. */
export function onClusterClock(events: readonly HistoryEvent[], startMs: number): HistoryEvent[] {
  return startMs === 0 ? [...events] : events.map((e) => ({ ...e, time: e.time + startMs }));
}
