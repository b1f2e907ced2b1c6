/**
 * Issue 15's checker table as benchmarks: one row per generated history (CHECKER_ROWS, seeded:
 * the same histories every run), the time to parse, pair and check its JSONL text, against the
 * time to parse and pair it alone in the same run; and `faultline check` start-up against
 * `node -e 0`. The side-by-side figures against Porcupine are in docs (they need Go, so they are
 * not part of `pnpm bench`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkOperations, formatJsonl, modelByName, pairOperations, parseHistory } from '@faultline/checker';
import { generateHistory } from './checker-histories.ts';
import { CHECKER_ROWS, CHECKER_SEED, type CheckerRow } from './checker-rows.ts';
import type { BenchResult } from './result.ts';
import { median } from './median.ts';

/** Timed repetitions per row; the median is reported. */
const REPS = 3;

/** One result per CHECKER_ROWS entry, then the start-up row. */
export async function checkerTableBenches(): Promise<BenchResult[]> {
  process.stdout.write(`checker histories: generated from seed ${CHECKER_SEED}\n`);
  const results = CHECKER_ROWS.map(benchRow);
  results.push(checkerStartBench());
  return results;
}

function benchRow(row: CheckerRow): BenchResult {
  const text = formatJsonl(generateHistory(row.spec));
  const model = modelByName(row.spec.model);
  const load = () => {
    const parsed = parseHistory(text);
    return pairOperations(parsed.events, parsed.lines);
  };
  const baseline = medianOf(() => void load());
  const value = medianOf(() => {
    const verdict = checkOperations(model, load()).verdict;
    if (verdict !== row.expected) throw new Error(`${row.name}: checked ${verdict}, expected ${row.expected}`);
  });
  return { name: row.name, value, unit: 'ms', baseline, baselineName: 'parse + pair only', ratio: value / baseline };
}

/** Start-up target of issue 15: a whole `faultline check` of a tiny history, from built JavaScript. */
const START_TARGET_MS = 150;

/** Runs of each command in the start-up row (interleaved; the medians are reported). */
const START_RUNS = 15;

/**
 * `checker-cli-start`: a whole `faultline check` of a two-event history, through the bin users
 * run (packages/demos/bin/faultline.cjs, which takes the bundled fast path when `pnpm build` made
 * it and it is fresh), against `node -e 0`, interleaved, medians of START_RUNS each.
 */
export function checkerStartBench(): BenchResult {
  const dir = mkdtempSync(join(tmpdir(), 'checker-start-'));
  try {
    const file = join(dir, 'tiny.jsonl');
    writeFileSync(file, formatJsonl([
      { type: 'invoke', process: 0, f: 'write', value: 1, time: 0 },
      { type: 'ok', process: 0, f: 'write', value: 1, time: 1 },
    ]));
    const bin = fileURLToPath(new URL('../../demos/bin/faultline.cjs', import.meta.url));
    const fastPath = createRequire(import.meta.url)('../../demos/bin/check-bundle.cjs') as { bundleIsFresh(bundle: string): boolean };
    const bundled = fastPath.bundleIsFresh(fileURLToPath(new URL('../../demos/dist/check-cli.cjs', import.meta.url)));
    const run = (args: string[], expected: number) => () => {
      const r = spawnSync(process.execPath, args, { stdio: 'ignore' });
      if (r.status !== expected) throw new Error(`checker start-up: node ${args.join(' ')} exited ${r.status}, expected ${expected}`);
    };
    const check = run([bin, 'check', file, '--model', 'register'], 0);
    const bare = run(['-e', '0'], 0);
    const checks: number[] = [];
    const bares: number[] = [];
    for (let i = 0; i < START_RUNS; i++) {
      checks.push(time(check));
      bares.push(time(bare));
    }
    const value = median(checks);
    const baseline = median(bares);
    return {
      name: 'checker-cli-start',
      value,
      unit: 'ms',
      baseline,
      baselineName: 'node -e 0',
      ratio: value / baseline,
      target: `< ${START_TARGET_MS} ms${bundled ? '' : ' (no fresh dist/check-cli.cjs: run pnpm build)'}`,
      met: bundled && value < START_TARGET_MS,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function medianOf(run: () => void): number {
  return median(Array.from({ length: REPS }, () => time(run)));
}

function time(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}
