import { casRegisterModel, checkHistory, OP_FUNCTIONS, type HistoryEvent, type JsonValue, type OpFunction } from '@faultline/checker';
import { nemesisTime, type MaelstromTestResult, type OpRecord, type WorkloadName } from '@faultline/maelstrom';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CountersSnapshot } from '@faultline/transport';
import { nemesisRecord, RunRecorder, writeReport } from '@faultline/report';
import { summaryHtml } from './maelstrom-summary.ts';

/** What the report of a Maelstrom test needs besides its result. */
export interface MaelstromReportOptions {
  readonly dir: string;
  readonly workload: WorkloadName;
  readonly nodeCount: number;
  /** `sim` for `--program` (virtual time), `process` for `--bin` (real time). */
  readonly runtime: 'sim' | 'process';
  readonly replay: string;
}

/** A report's view of a test: the history it could include, or why it could not. */
export type ReportHistory =
  | { readonly kind: 'included'; readonly model: string; readonly events: readonly HistoryEvent[] }
  | { readonly kind: 'left-out'; readonly why: string };

const opFunctions: ReadonlySet<string> = new Set(OP_FUNCTIONS);

/**
 * Writes `run.json`, the history, its check, the nemesis steps and the link counters into the
 * test's run folder, then `report.html`; returns the report's path and a note on what it lacks.
 */
export async function writeMaelstromReport(result: MaelstromTestResult, o: MaelstromReportOptions): Promise<{ path: string; notes: string[] }> {
  const record = new RunRecorder({
    dir: o.dir, title: `faultline maelstrom test -w ${o.workload}`, seed: result.seed, runtime: o.runtime,
    nodes: result.messages.ends.slice(0, o.nodeCount), replay: o.replay,
    // The Maelstrom network has no simulator trace hook yet: no message trace (see chapter 14).
    trace: false,
  });
  const notes: string[] = [];
  const history = reportHistory(o.workload, result.ops);
  if (history.kind === 'included') {
    const nodeOfProcess = Object.fromEntries(result.ops.map((op) => [String(op.process), op.node]));
    const check = history.model === 'cas-register' ? checkHistory(casRegisterModel, history.events, { timeoutMs: 10_000 }) : undefined;
    record.history({ name: o.workload, model: history.model, nodeOfProcess, events: history.events, ...(check ? { check } : {}) });
  } else {
    notes.push(`report: ${history.why}; history.jsonl holds them`);
  }
  // One clock with the history: the scheduler's time from the run's start (issue 22 item 1).
  record.nemesisSteps(result.nemesisLog.map((e) => nemesisRecord(e, nemesisTime(e, result.startupMs))));
  record.countersSnapshot('network', o.nodeCount > PER_LINK_NODES ? byKindOfLink(result.counters) : result.counters);
  const path = await writeReport(record.finish(result.runMs));
  const summary = join(o.dir, 'summary.html');
  writeFileSync(summary, summaryHtml(result, o.workload));
  notes.push(`Summary (verdict, latency over time, messages between nodes): ${summary}`);
  return { path, notes };
}

/** Up to this many nodes the report lists the counters of every directed link; beyond, three rows (summary.html has the matrix). */
const PER_LINK_NODES = 5;

/** Counters folded into `nodes->nodes`, `nodes->driver` and `driver->nodes`: 25 nodes make 650 links, too many rows to read. */
export function byKindOfLink(c: CountersSnapshot): CountersSnapshot {
  const links: Record<string, CountersSnapshot['total']> = {};
  for (const [key, v] of Object.entries(c.links)) {
    const [from, to] = key.split('->');
    const kind = `${from === 'driver' ? 'driver' : 'nodes'}->${to === 'driver' ? 'driver' : 'nodes'}`;
    links[kind] = add(links[kind], v);
  }
  return { total: c.total, links };
}

function add(a: CountersSnapshot['total'] | undefined, b: CountersSnapshot['total']): CountersSnapshot['total'] {
  if (!a) return { ...b, dropReasons: { ...b.dropReasons }, rejectReasons: { ...b.rejectReasons } };
  const sum = (x: Record<string, number>, y: Record<string, number>) => {
    const out = { ...x };
    for (const [k, n] of Object.entries(y)) out[k] = (out[k] ?? 0) + n;
    return out;
  };
  return {
    sent: a.sent + b.sent, delivered: a.delivered + b.delivered, dropped: a.dropped + b.dropped, duplicated: a.duplicated + b.duplicated,
    delayed: a.delayed + b.delayed, reordered: a.reordered + b.reordered, held: a.held + b.held, corrupted: a.corrupted + b.corrupted,
    rejected: a.rejected + b.rejected, dropReasons: sum(a.dropReasons, b.dropReasons), rejectReasons: sum(a.rejectReasons, b.rejectReasons),
  };
}

/**
 * The history as the report reads it (checker events). lin-kv is checked with the cas-register
 * model, key by key; other workloads go in without a model when their operation names are ones
 * the history format knows (add, read, generate), and are left out otherwise.
 */
export function reportHistory(workload: WorkloadName, ops: readonly OpRecord[]): ReportHistory {
  if (workload === 'lin-kv') return { kind: 'included', model: 'cas-register', events: linKvEvents(ops) };
  const foreign = [...new Set(ops.map((op) => op.f).filter((f) => !opFunctions.has(f)))];
  if (foreign.length > 0) return { kind: 'left-out', why: `${workload} operations (${foreign.join(', ')}) are not in the report's history format` };
  return { kind: 'included', model: `maelstrom ${workload} (not checked here)`, events: events(ops, (op) => ({ key: undefined, input: op.value as JsonValue, output: op.result as JsonValue, ok: op.type === 'ok' })) };
}

/** lin-kv as register events per key: cas values are `[from, to]`, a read answered with error 20 read nil. */
function linKvEvents(ops: readonly OpRecord[]): HistoryEvent[] {
  return events(ops.filter((op) => op.phase === undefined), (op) => {
    const v = op.value as { key: number; value?: number; from?: number; to?: number };
    const readNil = op.f === 'read' && op.error?.code === 20;
    const input: JsonValue = op.f === 'cas' ? [v.from ?? null, v.to ?? null] : op.f === 'write' ? (v.value ?? null) : null;
    return { key: String(v.key), input, output: readNil ? null : (op.result as JsonValue), ok: op.type === 'ok' || readNil };
  });
}

interface Shape {
  readonly key: string | undefined;
  readonly input: JsonValue;
  readonly output: JsonValue;
  readonly ok: boolean;
}

/** An invoke and (when it came) a completion per operation, in time order, invokes first on ties. */
function events(ops: readonly OpRecord[], shape: (op: OpRecord) => Shape): HistoryEvent[] {
  const out: { seq: number; e: HistoryEvent }[] = [];
  ops.forEach((op, i) => {
    const s = shape(op);
    const base = { process: op.process, f: op.f as OpFunction, ...(s.key === undefined ? {} : { key: s.key }) };
    out.push({ seq: 2 * i, e: { ...base, type: 'invoke', value: s.input, time: op.invokeTime } });
    if (op.completeTime === undefined || op.type === undefined) return;
    const type = s.ok ? 'ok' : op.type === 'fail' ? 'fail' : 'info';
    out.push({ seq: 2 * i + 1, e: { ...base, type, value: type === 'ok' ? s.output : s.input, time: op.completeTime } });
  });
  out.sort((a, b) => a.e.time - b.e.time || a.seq - b.seq);
  return out.map((x) => x.e);
}
