import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FaultlineError } from '@faultline/core';
import { parseJsonl, type CheckResult, type HistoryEvent } from '@faultline/checker';
import type { CountersSnapshot } from '@faultline/transport';
import { HISTORY_NAME, RUN_FORMAT, type MembershipRecord, type NemesisRecord, type RunManifest } from './layout.ts';
import type { RunTraceEvent } from './trace-line.ts';
import { membershipProblem, nemesisProblem, traceProblem } from './records.ts';

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
  readonly counters: Readonly<Record<string, CountersSnapshot>>;
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
    counters: (readOptionalJson(join(dir, 'counters.json')) ?? {}) as Record<string, CountersSnapshot>,
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
