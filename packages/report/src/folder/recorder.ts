import { createHash, type Hash } from 'node:crypto';
import type { TxnCycleChart } from '../model/txn-cycle-chart.ts';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, type Envelope } from '@faultline/core';
import type { CheckResult, HistoryEvent } from '@faultline/checker';
import type { CountersSnapshot, TraceEventLike } from '@faultline/transport';
import { HISTORY_NAME, RUN_FORMAT, RUN_OWN_FILES, type HistoryEntry, type MembershipRecord, type RaftRecord, type NemesisRecord, type ClocksRecord, type RunManifest, type SceneRecord, type StateRecord, STATE_CHARS } from './layout.ts';
import type { RunFolder } from './load.ts';
import { runTraceEvent, runTraceLine, type RunTraceEvent } from './trace-line.ts';

/** What a recorder knows up front: where to write and what the run is. */
export interface RecorderOptions {
  readonly dir: string;
  readonly title: string;
  readonly seed: number | null;
  readonly runtime: string;
  readonly nodes: readonly string[];
  readonly replay: string;
  /** Record the message trace (simulator runs). */
  readonly trace: boolean;
}

/** One history as an experiment produced it. */
export interface RecordedHistory extends HistoryEntry {
  readonly events: readonly HistoryEvent[];
  readonly check?: CheckResult;
}

const FLUSH_CHARS = 256 * 1024;

/**
 * Collects what a report needs while a run goes on and writes it as a run folder: the message
 * trace streams to `trace.jsonl` as it happens (buffered); histories, nemesis steps, membership
 * events and counters are kept and written by {@link finish}.
 */
export class RunRecorder {
  readonly dir: string;
  private readonly options: RecorderOptions;
  private readonly histories: RecordedHistory[] = [];
  private readonly nemesis: NemesisRecord[] = [];
  private readonly membership: MembershipRecord[] = [];
  private readonly raft: RaftRecord[] = [];
  private readonly scenes: SceneRecord[] = [];
  private clockRecord: ClocksRecord | undefined;
  private readonly states: StateRecord[] = [];
  private readonly counters: Record<string, CountersSnapshot> = {};
  private txnCycles: TxnCycleChart[] = [];
  private readonly trace: RunTraceEvent[] = [];
  private traceFd: number | undefined;
  private readonly traceHash: Hash = createHash('sha256');
  private buffer: string[] = [];
  private buffered = 0;

  constructor(options: RecorderOptions) {
    this.options = options;
    this.dir = options.dir;
    clearRunFolder(options.dir);
    mkdirSync(options.dir, { recursive: true });
    if (options.trace) this.traceFd = openSync(join(options.dir, 'trace.jsonl'), 'w');
  }

  /** A simulation's `onTrace`: appends one message event (with the envelope's payload and stamps on sends). */
  readonly onTrace = (event: TraceEventLike, envelope?: Envelope): void => {
    if (this.traceFd === undefined) return;
    const e = runTraceEvent(event, envelope);
    this.trace.push(e);
    const line = `${runTraceLine(e)}\n`;
    this.buffer.push(line);
    this.buffered += line.length;
    if (this.buffered >= FLUSH_CHARS) this.flush();
  };

  /** A simulation's `onState`: keeps an actor's `inspect()` view after a message, as bounded JSON (when the trace is recorded). */
  readonly onState = (event: { readonly t: number; readonly actor: string; readonly state: unknown }): void => {
    if (this.traceFd === undefined) return;
    let text: string;
    try {
      text = JSON.stringify(event.state) ?? 'undefined';
    } catch (error) {
      text = JSON.stringify({ inspectError: `not plain data: ${error instanceof Error ? error.message : String(error)}` });
    }
    this.states.push({ t: event.t, actor: event.actor, state: text.length > STATE_CHARS ? `${text.slice(0, STATE_CHARS - 1)}…` : text });
  };

  /** Adds a history with its check (and the run's nemesis steps for it). */
  history(history: RecordedHistory): void {
    if (!HISTORY_NAME.test(history.name)) throw new ConfigError('history name', history.name, "must be letters, digits, '.', '_' or '-', not starting with '.' (it names a file of the run folder)");
    this.histories.push(history);
  }

  /** Adds nemesis steps as they ran. */
  nemesisSteps(records: readonly NemesisRecord[]): void {
    this.nemesis.push(...records);
  }

  /** Adds membership events. */
  membershipEvents(records: readonly MembershipRecord[]): void {
    // A loop, not push(...records): a 1,000-node cluster's join logs about a million events, past
    // the argument count a spread call can take (RangeError).
    for (const r of records) this.membership.push(r);
  }

  /** Adds Raft nodes' role, term and commit-index changes. */
  raftEvents(records: readonly RaftRecord[]): void {
    this.raft.push(...records);
  }

  /** Adds a scene of a lesson demo (a labelled stretch of time, with what the demo printed about it). */
  scene(record: SceneRecord): void {
    this.scenes.push(record);
  }

  /** Sets the clocks and stamps of a clock lesson. */
  clocks(record: ClocksRecord): void {
    this.clockRecord = record;
  }

  /** Whether any counters snapshot was added. */
  get hasCounters(): boolean {
    return Object.keys(this.counters).length > 0;
  }

  /** Adds a named counters snapshot. */
  countersSnapshot(name: string, snapshot: CountersSnapshot): void {
    this.counters[name] = snapshot;
  }

  /** Adds the cycle charts of a transactional check (written to txn.json, drawn by the report). */
  txnCycleCharts(charts: readonly TxnCycleChart[]): void {
    this.txnCycles.push(...charts);
  }

  /** Writes every file of the run folder; returns what it holds, as {@link loadRunFolder} would read it back. */
  finish(endMs: number): RunFolder {
    this.flush();
    if (this.traceFd !== undefined) closeSync(this.traceFd);
    this.traceFd = undefined;
    const { dir, title, seed, runtime, nodes, replay } = this.options;
    const histories: HistoryEntry[] = this.histories.map(({ name, model, nodeOfProcess, messagesPerOp }) => ({
      name, model, ...(nodeOfProcess ? { nodeOfProcess } : {}), ...(messagesPerOp === undefined ? {} : { messagesPerOp }),
    }));
    // Every file gets its checksum in run.json, so a file another run wrote later is caught on load.
    const files: Record<string, string> = {};
    const write = (file: string, text: string) => {
      writeFileSync(join(dir, file), text);
      files[file] = sha256(text);
    };
    if (this.options.trace) files['trace.jsonl'] = this.traceHash.digest('hex');
    const checks: Record<string, CheckResult> = {};
    for (const h of this.histories) {
      write(`${h.name}.jsonl`, jsonl(h.events));
      if (h.check) checks[h.name] = h.check;
    }
    if (Object.keys(checks).length > 0) write('checks.json', `${JSON.stringify(checks)}\n`);
    if (this.nemesis.length > 0) write('nemesis.jsonl', jsonl(this.nemesis));
    if (this.membership.length > 0) write('membership.jsonl', jsonl(this.membership));
    if (this.raft.length > 0) write('raft-roles.jsonl', jsonl(this.raft));
    if (this.scenes.length > 0) write('scenes.jsonl', jsonl(this.scenes));
    if (this.states.length > 0) write('states.jsonl', jsonl(this.states));
    if (this.clockRecord) write('clocks.json', `${JSON.stringify(this.clockRecord, null, 1)}\n`);
    if (Object.keys(this.counters).length > 0) write('counters.json', `${JSON.stringify(this.counters, null, 1)}\n`);
    if (this.txnCycles.length > 0) write('txn.json', `${JSON.stringify(this.txnCycles)}\n`);
    const manifest: RunManifest = { format: RUN_FORMAT, title, seed, runtime, nodes, replay, histories, endMs, files };
    writeFileSync(join(dir, 'run.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return {
      dir, manifest, trace: this.trace, histories: new Map(this.histories.map((h) => [h.name, h.events])),
      // As read back from JSON: an unknown outcome's return (Infinity) is null there, and nothing reads it.
      checks, nemesis: this.nemesis, membership: this.membership, raft: this.raft, scenes: this.scenes, states: this.states, ...(this.clockRecord ? { clocks: this.clockRecord } : {}), counters: this.counters,
      ...(this.txnCycles.length > 0 ? { txnCycles: this.txnCycles } : {}),
    };
  }

  private flush(): void {
    if (this.traceFd === undefined || this.buffer.length === 0) return;
    const text = this.buffer.join('');
    writeSync(this.traceFd, text);
    this.traceHash.update(text);
    this.buffer = [];
    this.buffered = 0;
  }
}

/** SHA-256 of a text, hex. */
export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Removes what an earlier run left in a run folder: its own files and the histories its run.json
 * lists. Nothing else is touched (a folder given with --out may hold the user's files). Called
 * before a run writes a folder, and by a demo that saves histories without a report, so one folder
 * never holds two runs (issue 22: an edited story or `--no-report` left a stale report beside new histories).
 */
export function clearRunFolder(dir: string): void {
  const manifestFile = join(dir, 'run.json');
  if (existsSync(manifestFile)) {
    let listed: unknown;
    try {
      listed = (JSON.parse(readFileSync(manifestFile, 'utf8')) as { histories?: unknown }).histories;
    } catch {
      listed = undefined;
    }
    for (const h of Array.isArray(listed) ? listed : []) {
      const name = (h as { name?: unknown } | null)?.name;
      // Only plain names: a run.json is read back from disk, so a name is never a path.
      if (typeof name === 'string' && HISTORY_NAME.test(name)) rmSync(join(dir, `${name}.jsonl`), { force: true });
    }
  }
  for (const file of RUN_OWN_FILES) rmSync(join(dir, file), { force: true });
}

function jsonl(rows: readonly unknown[]): string {
  return rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length > 0 ? '\n' : '');
}
