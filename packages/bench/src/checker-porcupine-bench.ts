/**
 * `checker-vs-porcupine-register-10p-1k`: faultline's checker against Porcupine itself, same
 * history, same run. The history is the register 10p 1k row's (CHECKER_ROWS, seed 1), written as
 * JSONL; each side checks it in RUNS fresh processes, interleaved, and the figure is the median
 * wall time of that process's first check (the history already parsed and paired): the cost a
 * command-line check of one history pays, JIT warm-up included, as issue 27 measured it.
 * Porcupine runs through packages/bench/porcupine/main.go, built with `go` in a temporary folder
 * against a local Porcupine checkout (FAULTLINE_PORCUPINE, else the Go module cache). Without
 * `go` on PATH or a checkout, the row is skipped and a line says why.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatJsonl } from '@faultline/checker';
import { generateHistory } from './checker-histories.ts';
import { CHECKER_ROWS } from './checker-rows.ts';
import { median } from './median.ts';
import type { BenchResult } from './result.ts';

/** Fresh processes per side; the median is reported. */
const RUNS = 7;
const ROW_NAME = 'checker-register-10p-1k-ok';

/** The row, or none (with a line saying why) when Porcupine cannot be built here. */
export async function checkerPorcupineBenches(): Promise<BenchResult[]> {
  const source = findPorcupine();
  if (typeof source !== 'string') {
    process.stdout.write(`  checker-vs-porcupine skipped: ${source.why}\n`);
    return [];
  }
  const row = CHECKER_ROWS.find((r) => r.name === ROW_NAME);
  if (row === undefined) throw new Error(`checker-vs-porcupine: no row ${ROW_NAME} in CHECKER_ROWS`);
  const dir = mkdtempSync(join(tmpdir(), 'checker-porcupine-'));
  try {
    const porcbench = buildPorcbench(dir, source);
    const file = join(dir, `${row.name}.jsonl`);
    writeFileSync(file, formatJsonl(generateHistory(row.spec)));
    const child = fileURLToPath(new URL('./first-check-child.mjs', import.meta.url));
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      ours.push(firstCheck('faultline', process.execPath, [child, file, row.spec.model], row.expected));
      theirs.push(firstCheck('Porcupine', porcbench, ['-runs', '1', file], row.expected));
    }
    const value = median(ours);
    const baseline = median(theirs);
    process.stdout.write(`  checker-vs-porcupine (Porcupine from ${source}): faultline ${ours.map((t) => t.toFixed(1)).join(' ')} ms, Porcupine ${theirs.map((t) => t.toFixed(1)).join(' ')} ms\n`);
    const ratio = value / baseline;
    return [{ name: 'checker-vs-porcupine-register-10p-1k', value, unit: 'ms', baseline, baselineName: 'Porcupine, same history, first check', ratio, target: 'ratio <= 1', met: ratio <= 1 }];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A Porcupine checkout (a folder holding porcupine.go), or why there is none to build. */
function findPorcupine(): string | { why: string } {
  const go = spawnSync('go', ['env', 'GOMODCACHE'], { encoding: 'utf8' });
  if (go.error !== undefined || go.status !== 0) return { why: 'no `go` on PATH to build Porcupine with (install Go to compare against it)' };
  const given = process.env.FAULTLINE_PORCUPINE;
  if (given !== undefined && given !== '') {
    return existsSync(join(given, 'porcupine.go')) ? given : { why: `FAULTLINE_PORCUPINE=${given} holds no porcupine.go` };
  }
  const cached = join(go.stdout.trim(), 'github.com', 'anishathalye');
  const versions = existsSync(cached) ? readdirSync(cached).filter((d) => d.startsWith('porcupine@')).sort() : [];
  const newest = versions.at(-1);
  if (newest !== undefined) return join(cached, newest);
  return { why: 'no Porcupine source: set FAULTLINE_PORCUPINE to a checkout of github.com/anishathalye/porcupine (or `go mod download github.com/anishathalye/porcupine@latest`)' };
}

/** Builds porcbench (packages/bench/porcupine/main.go) in `dir` against the checkout at `source`; returns the binary's path. */
function buildPorcbench(dir: string, source: string): string {
  const build = join(dir, 'porcbench-src');
  mkdirSync(build);
  copyFileSync(fileURLToPath(new URL('../porcupine/main.go', import.meta.url)), join(build, 'main.go'));
  writeFileSync(
    join(build, 'go.mod'),
    `module porcbench\n\ngo 1.19\n\nrequire github.com/anishathalye/porcupine v0.0.0\n\nreplace github.com/anishathalye/porcupine => ${source}\n`,
  );
  const out = join(dir, 'porcbench');
  execFileSync('go', ['build', '-o', out, '.'], { cwd: build, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, GOFLAGS: '-mod=mod', GOPROXY: 'off' } });
  return out;
}

/** Runs one fresh process that checks the history once; returns its first check's wall ms. */
function firstCheck(who: string, command: string, args: string[], expected: string): number {
  const r = spawnSync(command, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`checker-vs-porcupine: ${who} (${command} ${args.join(' ')}) exited ${r.status}: ${r.stderr}`);
  const line = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { wallMs?: number; timesMs?: number[]; verdict: string };
  if (line.verdict !== expected) throw new Error(`checker-vs-porcupine: ${who} checked ${line.verdict}, expected ${expected}`);
  const ms = line.wallMs ?? line.timesMs?.[0];
  if (ms === undefined) throw new Error(`checker-vs-porcupine: ${who} printed no time: ${r.stdout}`);
  return ms;
}
