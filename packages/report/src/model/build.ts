import { checkHistory, isModelName, modelByName } from '@faultline/checker';
import type { RunFolder } from '../folder/load.ts';
import { countersModel } from './counters.ts';
import { membershipModel } from './membership.ts';
import { raftModel } from './raft.ts';
import { messageColumns } from './messages.ts';
import { historyModel } from './operations.ts';
import type { ReportModel } from './report-model.ts';
import { sceneModels } from './scenes.ts';
import { stateColumns } from './states.ts';
import { faultWindows } from './windows.ts';

/** Builds the page's model from a run folder; a history without a saved check is checked now. */
export function buildReportModel(run: RunFolder): ReportModel {
  const { manifest } = run;
  const lastTrace = run.trace.length > 0 ? (run.trace[run.trace.length - 1]?.t ?? 0) : 0;
  let lastOp = 0;
  for (const events of run.histories.values()) for (const e of events) lastOp = Math.max(lastOp, e.time);
  for (const s of run.scenes) lastOp = Math.max(lastOp, s.to);
  const endMs = Math.max(manifest.endMs, lastTrace, lastOp);
  const windows = faultWindows(run.nemesis, endMs);
  const histories = manifest.histories.map((entry) => {
    const events = run.histories.get(entry.name) ?? [];
    let check = run.checks[entry.name];
    if (!check && isModelName(entry.model)) check = checkHistory(modelByName(entry.model), events, { timeoutMs: 20_000 });
    const mine = run.nemesis.some((s) => s.history !== undefined)
      ? faultWindows(run.nemesis.filter((s) => s.history === entry.name), endMs)
      : windows;
    return historyModel(entry, events, check, mine);
  });
  const messages = messageColumns(run.trace, manifest.nodes);
  const perOp = new Map(manifest.histories.map((h) => [h.name, h.messagesPerOp]));
  const lines = [
    manifest.nodes.length === 0
      // `faultline check --report`: a history alone, with no cluster behind it.
      ? `a history checked on its own: ${histories.map((h) => `${h.ops.count} operations by ${new Set(h.ops.process).size} processes`).join('; ')}`
      : `${manifest.nodes.length} nodes, runtime ${manifest.runtime}${manifest.seed === null ? '' : `, seed ${manifest.seed}`}`,
    ...(messages ? [`${messages.columns.count} messages between nodes (${messages.local} more a node sent to itself, not drawn)`] : []),
  ];
  const membership = membershipModel(run.membership);
  const raft = raftModel(run.raft);
  return {
    title: manifest.title,
    seed: manifest.seed,
    runtime: manifest.runtime,
    replay: manifest.replay,
    lines,
    endMs,
    windows,
    scenes: sceneModels(run.scenes, windows),
    ...(run.clocks ? { clocks: run.clocks } : {}),
    ...(messages ? { messages: messages.columns } : {}),
    ...(run.states.length > 0 ? { states: stateColumns(run.states) } : {}),
    histories,
    ...(membership ? { membership } : {}),
    ...(raft ? { raft } : {}),
    counters: Object.entries(run.counters).map(([name, snapshot]) => countersModel(name, snapshot, perOp.get(name))),
    ...(run.txnCycles && run.txnCycles.length > 0 ? { txnCycles: run.txnCycles } : {}),
  };
}
