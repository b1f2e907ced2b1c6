import { createHash } from 'node:crypto';
import type { TxnCycleChart } from '../model/txn-cycle-chart.ts';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '@faultline/core';
import { parseJsonl, type CheckResult, type HistoryEvent } from '@faultline/checker';
import type { CountersSnapshot } from '@faultline/transport';
import { HISTORY_NAME, RUN_FORMAT, type MembershipRecord, type RaftRecord, type NemesisRecord, type ClocksRecord, type RunManifest, type SceneRecord, type StateRecord } from './layout.ts';
import type { RunTraceEvent } from './trace-line.ts';
import { membershipProblem, nemesisProblem, raftProblem, traceProblem } from './records.ts';

/** A run folder that cannot be read: names the file and what was wrong with it. */
export class RunFolderError extends FaultlineError {
  constructor(file: string, problem: string) {
    super('bad-run-folder', `${file}: ${problem}`);
  }
}

/** Everything a run folder holds, read back. */
export interface RunFolder {
  readonly dir: string;
  readonly manifest: RunManifest;
  readonly trace: readonly RunTraceEvent[];
  readonly histories: ReadonlyMap<string, readonly HistoryEvent[]>;
  readonly checks: Readonly<Record<string, CheckResult>>;
  readonly nemesis: readonly NemesisRecord[];
  readonly membership: readonly MembershipRecord[];
  /** Raft nodes' roles, terms and commit indices over time (empty when the run recorded none). */
  readonly raft: readonly RaftRecord[];
  /** Scenes of a lesson demo; empty for other runs. */
  readonly scenes: readonly SceneRecord[];
  /** Actors' `inspect()` views after each message they handled; empty when none define it. */
  readonly states: readonly StateRecord[];
  /** A clock lesson's clocks and stamps. */
  readonly clocks?: ClocksRecord;
  readonly counters: Readonly<Record<string, CountersSnapshot>>;
  /** Cycles of transactional anomalies to draw (`txn.json`); absent when none were recorded. */
  readonly txnCycles?: readonly TxnCycleChart[];
}

/** Reads a run folder written by a {@link RunRecorder}; files other than run.json are optional. */
export function loadRunFolder(dir: string): RunFolder {
  const manifestFile = join(dir, 'run.json');
  if (!existsSync(manifestFile)) throw new RunFolderError(manifestFile, 'not found; a run folder is written by faultline demo --report or faultline check --report');
  const manifest = readJson(manifestFile) as RunManifest;
  if (manifest?.format !== RUN_FORMAT) throw new RunFolderError(manifestFile, `must have "format": "${RUN_FORMAT}"`);
  if (!Array.isArray(manifest.nodes) || !Array.isArray(manifest.histories)) throw new RunFolderError(manifestFile, 'must list nodes and histories');
  verifyFiles(dir, manifest);
  const histories = new Map<string, readonly HistoryEvent[]>();
  for (const h of manifest.histories) {
    // A history is a file of this folder: a name with a path in it (`../x`) would embed a file from elsewhere.
    if (typeof h?.name !== 'string' || !HISTORY_NAME.test(h.name)) {
      throw new RunFolderError(manifestFile, `history name ${JSON.stringify(h?.name)} must be letters, digits, '.', '_' or '-', not starting with '.' (a file of the run folder)`);
    }
    const file = join(dir, `${h.name}.jsonl`);
    if (!existsSync(file)) throw new RunFolderError(file, `not found, but run.json lists history '${h.name}'`);
    try {
      histories.set(h.name, parseJsonl(readFileSync(file, 'utf8')).events);
    } catch (error) {
      throw new RunFolderError(file, error instanceof Error ? error.message : String(error));
    }
  }
  return {
    dir,
    manifest,
    trace: readJsonl(join(dir, 'trace.jsonl'), traceProblem) as RunTraceEvent[],
    histories,
    checks: (readOptionalJson(join(dir, 'checks.json')) ?? {}) as Record<string, CheckResult>,
    nemesis: readJsonl(join(dir, 'nemesis.jsonl'), nemesisProblem) as NemesisRecord[],
    membership: readJsonl(join(dir, 'membership.jsonl'), membershipProblem) as MembershipRecord[],
    raft: readJsonl(join(dir, 'raft-roles.jsonl'), raftProblem) as RaftRecord[],
    scenes: readJsonl(join(dir, 'scenes.jsonl'), () => undefined).map((s, i) => sceneRecord(s, join(dir, 'scenes.jsonl'), i + 1)),
    states: readJsonl(join(dir, 'states.jsonl'), () => undefined).map((s, i) => stateRecord(s, join(dir, 'states.jsonl'), i + 1)),
    ...optionalClocks(join(dir, 'clocks.json')),
    counters: (readOptionalJson(join(dir, 'counters.json')) ?? {}) as Record<string, CountersSnapshot>,
    ...optionalTxnCycles(join(dir, 'txn.json')),
  };
}

/** A file whose checksum differs from the one run.json recorded came from another run: refuse to mix them. */
function verifyFiles(dir: string, manifest: RunManifest): void {
  const files = manifest.files;
  if (files === undefined || files === null || typeof files !== 'object') return;
  for (const [name, hash] of Object.entries(files)) {
    const file = join(dir, name);
    if (!/^[A-Za-z0-9._-]+$/.test(name) || !existsSync(file)) continue;
    if (createHash('sha256').update(readFileSync(file)).digest('hex') !== hash) {
      throw new RunFolderError(file, 'was written by another run than the one run.json describes (its SHA-256 differs): the folder mixes two runs; run the command in run.json\'s "replay" again to rewrite it');
    }
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new RunFolderError(file, `must be JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

// txn.json: the cycle charts of a transactional check, each checked for the fields the page draws.
function optionalTxnCycles(file: string): { txnCycles?: TxnCycleChart[] } {
  const value = readOptionalJson(file);
  if (value === undefined) return {};
  const ok = Array.isArray(value) && value.every((c) => c !== null && typeof c === 'object' && typeof c.type === 'string' && Array.isArray(c.txns) && Array.isArray(c.edges));
  if (!ok) throw new RunFolderError(file, 'must be a JSON array of cycle charts, each with type, txns and edges');
  return { txnCycles: value as TxnCycleChart[] };
}

function readOptionalJson(file: string): unknown {
  return existsSync(file) ? readJson(file) : undefined;
}

function readJsonl(file: string, problemOf: (record: unknown) => string | undefined): unknown[] {
  if (!existsSync(file)) return [];
  const out: unknown[] = [];
  const lines = readFileSync(file, 'utf8').split('\n');
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new RunFolderError(file, `line ${i + 1} is not one JSON object`);
    }
    const problem = problemOf(record);
    if (problem !== undefined) throw new RunFolderError(file, `line ${i + 1}: ${problem}`);
    out.push(record);
  }
  return out;
}

/** A scene read back from disk: checked field by field (the page shows its text, never runs it). */
function sceneRecord(value: unknown, file: string, line: number): SceneRecord {
  const s = value as Partial<SceneRecord> | null;
  const ok = s !== null && typeof s === 'object' && typeof s.name === 'string' && typeof s.title === 'string'
    && Number.isFinite(s.from) && Number.isFinite(s.to) && Array.isArray(s.lines) && s.lines.every((l) => typeof l === 'string');
  if (!ok) throw new RunFolderError(file, `line ${line} must be a scene: name, title, from, to (ms) and lines (strings)`);
  return { name: s.name as string, title: s.title as string, from: s.from as number, to: s.to as number, lines: s.lines as string[] };
}

/** `clocks.json` read back: numbers and strings checked (the page draws them, never runs them). */
function optionalClocks(file: string): { clocks?: ClocksRecord } {
  const value = readOptionalJson(file) as Partial<ClocksRecord> | undefined;
  if (value === undefined) return {};
  const offsets = value?.offsets;
  const fine = value !== null && typeof value === 'object' && offsets !== null && typeof offsets === 'object'
    && Object.values(offsets).every((o) => Number.isFinite(o)) && Array.isArray(value.stamps)
    && value.stamps.every((s) => s !== null && typeof s === 'object' && typeof s.scene === 'string' && typeof s.node === 'string'
      && typeof s.label === 'string' && Number.isFinite(s.at) && Number.isFinite(s.l) && Number.isFinite(s.c) && typeof s.kept === 'boolean');
  if (!fine) throw new RunFolderError(file, 'must hold offsets (node to ms) and stamps (scene, node, label, at, l, c, kept)');
  return { clocks: value as ClocksRecord };
}

/** A state read back from disk: a time, an actor name and JSON text (shown as text, never evaluated). */
function stateRecord(value: unknown, file: string, line: number): StateRecord {
  const s = value as Partial<StateRecord> | null;
  if (s === null || typeof s !== 'object' || !Number.isFinite(s.t) || typeof s.actor !== 'string' || typeof s.state !== 'string') {
    throw new RunFolderError(file, `line ${line} must be a state: t (ms), actor and state (JSON text)`);
  }
  return { t: s.t as number, actor: s.actor, state: s.state };
}
