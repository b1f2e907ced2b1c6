/**
 * Parallel against in-process checking (issue 15: Porcupine checks partitions in goroutines):
 * `checker-parallel-kv-corpus` (the six kv corpus histories, 10 keys each) and
 * `checker-parallel-kv-10keys-50p-100k` (the generated row of CHECKER_ROWS). Value: ms to check
 * with `checkOperationsParallel` (threads: every core, whatever the load; the load average is
 * printed, since on busy cores a second thread cannot help); baseline: ms to check the
 * same operations with `checkOperations` in the same run, the two interleaved. Parsing is outside
 * both. The worker pool is started before timing (a one-shot CLI pays its start once: see docs).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import {
  checkOperations,
  checkOperationsParallel,
  closeCheckWorkers,
  formatJsonl,
  kvModel,
  pairOperations,
  parseHistory,
  type Operation,
} from '@faultline/checker';
import { findCorpus } from './checker-bench.ts';
import { generateHistory } from './checker-histories.ts';
import { CHECKER_ROWS } from './checker-rows.ts';
import type { BenchResult } from './result.ts';
import { median } from './median.ts';

/** Timed repetitions of each side (of the big generated history: 3); the medians are reported. */
const REPS = 5;
const REPS_BIG = 3;

interface Case {
  ops: Operation[];
  expected: string;
}

/** The two rows; the pool is closed afterwards so the bench process exits at once. */
export async function checkerParallelBenches(): Promise<BenchResult[]> {
  process.stdout.write(`checker parallel: ${availableParallelism()} threads, load average ${loadavg()[0]?.toFixed(1)} before\n`);
  const corpus = join(findCorpus(), 'kv');
  const kvCorpus = ['c01', 'c10', 'c50'].flatMap((c) =>
    (['ok', 'bad'] as const).map((v) => ({ ops: load(readFileSync(join(corpus, `${c}-${v}.txt`), 'utf8')), expected: v === 'ok' ? 'linearizable' : 'not-linearizable' })),
  );
  const row = CHECKER_ROWS.find((r) => r.name === 'checker-kv-10keys-50p-100k-ok');
  if (row === undefined) throw new Error('checker-parallel: CHECKER_ROWS has no checker-kv-10keys-50p-100k-ok');
  const generated = [{ ops: load(formatJsonl(generateHistory(row.spec))), expected: row.expected }];
  try {
    return [await bench('checker-parallel-kv-corpus', kvCorpus, REPS), await bench('checker-parallel-kv-10keys-50p-100k', generated, REPS_BIG)];
  } finally {
    closeCheckWorkers();
  }
}

function load(text: string): Operation[] {
  const parsed = parseHistory(text);
  return pairOperations(parsed.events, parsed.lines);
}

async function bench(name: string, cases: readonly Case[], reps: number): Promise<BenchResult> {
  const inProcess = () => {
    for (const c of cases) expectVerdict(name, checkOperations(kvModel, c.ops).verdict, c.expected);
  };
  const parallel = async () => {
    for (const c of cases) expectVerdict(name, (await checkOperationsParallel(kvModel, c.ops, { workers: availableParallelism() })).verdict, c.expected);
  };
  const load = loadavg()[0] ?? 0;
  await parallel(); // warm-up, untimed: starts the pool and lets both threads' JITs settle
  inProcess();
  const values: number[] = [];
  const baselines: number[] = [];
  for (let i = 0; i < reps; i++) {
    let start = performance.now();
    inProcess();
    baselines.push(performance.now() - start);
    start = performance.now();
    await parallel();
    values.push(performance.now() - start);
  }
  const value = median(values);
  const baseline = median(baselines);
  return { name, value, unit: 'ms', baseline, baselineName: `in-process checkOperations; load average ${load.toFixed(1)}`, ratio: value / baseline };
}

function expectVerdict(name: string, verdict: string, expected: string): void {
  if (verdict !== expected) throw new Error(`${name}: checked ${verdict}, expected ${expected}`);
}
