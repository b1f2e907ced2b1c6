import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { casRegisterModel, checkOperations, kvModel, pairOperations, parseHistory, type Model, type Operation } from '@faultline/checker';
import { checkerSequentialBenches } from './checker-sequential-bench.ts';
import { checkerTableBenches } from './checker-table-bench.ts';
import type { BenchResult } from './result.ts';
import { median } from './median.ts';

/** Timed repetitions per figure; the median is reported. */
const REPS = 5;
const BASELINE = 'read + parse + pair only';
const LINEARIZABLE_ETCD = new Set([2, 5, 7, 18, 25, 31, 38, 45, 48, 49, 51, 53, 56, 67, 75, 76, 80, 87, 92, 98, 100, 101, 102]);

interface Case {
  path: string;
  expected: 'linearizable' | 'not-linearizable';
}

/**
 * Linearizability checker benchmarks on Porcupine's corpus (shared/corpora/porcupine):
 * `checker-kv-c50-ok` / `checker-kv-c50-bad` (one c50 kv history each) and `checker-etcd-corpus`
 * (all 102 etcd histories), `checker-kv-corpus` (all six kv histories), then issue 15's generated
 * rows and the CLI start-up (checker-table-bench.ts), and the sequential-history rows
 * (checker-sequential-bench.ts). Value: ms to read, parse, pair and check; baseline: ms to read, parse
 * and pair the same files in the same run, so the ratio is the cost of checking relative to loading.
 */
export async function checkerBenches(): Promise<BenchResult[]> {
  const corpus = findCorpus();
  const etcd: Case[] = Array.from({ length: 103 }, (_, i) => i)
    .filter((i) => i !== 95)
    .map((i) => ({
      path: join(corpus, 'jepsen', `etcd_${String(i).padStart(3, '0')}.log`),
      expected: LINEARIZABLE_ETCD.has(i) ? 'linearizable' : 'not-linearizable',
    }));
  const c50 = (name: 'ok' | 'bad'): Case[] => [
    { path: join(corpus, 'kv', `c50-${name}.txt`), expected: name === 'ok' ? 'linearizable' : 'not-linearizable' },
  ];
  const kvCorpus: Case[] = ['c01', 'c10', 'c50'].flatMap((c) => [
    { path: join(corpus, 'kv', `${c}-ok.txt`), expected: 'linearizable' as const },
    { path: join(corpus, 'kv', `${c}-bad.txt`), expected: 'not-linearizable' as const },
  ]);
  return [
    await bench('checker-kv-c50-ok', kvModel, c50('ok')),
    await bench('checker-kv-c50-bad', kvModel, c50('bad')),
    await bench('checker-kv-corpus', kvModel, kvCorpus),
    await bench('checker-etcd-corpus', casRegisterModel, etcd),
    ...(await checkerTableBenches()),
    ...(await checkerSequentialBenches()),
  ];
}

async function bench(name: string, model: Model, cases: readonly Case[]): Promise<BenchResult> {
  const load = async (c: Case): Promise<Operation[]> => {
    const parsed = parseHistory(await readFile(c.path, 'utf8'));
    return pairOperations(parsed.events, parsed.lines);
  };
  const loadAll = async (): Promise<void> => {
    for (const c of cases) await load(c);
  };
  const checkAll = async (): Promise<void> => {
    for (const c of cases) {
      const verdict = checkOperations(model, await load(c)).verdict;
      if (verdict !== c.expected) throw new Error(`${name}: ${c.path} checked ${verdict}, expected ${c.expected}`);
    }
  };
  await loadAll(); // warm-up, untimed
  await checkAll();
  const baseline = await medianTime(loadAll);
  const value = await medianTime(checkAll);
  return { name, value, unit: 'ms', baseline, baselineName: BASELINE, ratio: value / baseline };
}

/** Median ms of REPS timed runs. */
async function medianTime(run: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** shared/corpora/porcupine, found by walking up from this file (it sits beside the repository). */
export function findCorpus(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'corpora', 'porcupine');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`checker benches: Porcupine corpus (shared/corpora/porcupine) not found above ${dir}`);
    dir = parent;
  }
}
