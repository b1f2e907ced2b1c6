/**
 * A sequential history (one process, trivially linearizable) must take linear time and memory
 * (issue 15). Two figures, each through the command line's pipeline (the file streamed, parsed and
 * paired as it is read, then checked), on register histories generated from CHECKER_SEED:
 * `checker-sequential-300k` — ms to read and check 300k ops against ms to read them alone (the
 * ratio grows if checking stops being linear while parsing stays so), and
 * `checker-sequential-linearity` — µs per op of the whole check at 300k ops against µs per op at
 * 100k, in the same run: about 1 when time is linear, 3 if it were quadratic.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkOperations, Deadline, formatJsonl, MemoryBudget, readOperations, registerModel } from '@faultline/checker';
import { generateHistory } from './checker-histories.ts';
import { CHECKER_SEED } from './checker-rows.ts';
import type { BenchResult } from './result.ts';
import { median } from './median.ts';

/** Timed repetitions per figure; the median is reported. */
const REPS = 3;
const SMALL = 100_000;
const LARGE = 300_000;
/** Per-op time at LARGE over per-op time at SMALL above which the check is taken to be super-linear. */
const LINEARITY_TARGET = 1.5;

/** The two sequential-history figures. */
export async function checkerSequentialBenches(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'checker-sequential-'));
  try {
    const small = await measure(writeHistory(dir, SMALL));
    const large = await measure(writeHistory(dir, LARGE));
    const perOp = (ms: number, n: number): number => (ms * 1000) / n;
    const linearity = perOp(large.check, LARGE) / perOp(small.check, SMALL);
    return [
      {
        name: 'checker-sequential-300k',
        value: large.check,
        unit: 'ms',
        baseline: large.read,
        baselineName: 'stream + parse + pair only',
        ratio: large.check / large.read,
      },
      {
        name: 'checker-sequential-linearity',
        value: perOp(large.check, LARGE),
        unit: 'µs/op',
        baseline: perOp(small.check, SMALL),
        baselineName: `µs/op at ${SMALL / 1000}k ops`,
        ratio: linearity,
        target: `ratio < ${LINEARITY_TARGET}`,
        met: linearity < LINEARITY_TARGET,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function writeHistory(dir: string, ops: number): string {
  const file = join(dir, `sequential-${ops}.jsonl`);
  writeFileSync(file, formatJsonl(generateHistory({ model: 'register', processes: 1, ops, seed: CHECKER_SEED })));
  return file;
}

/** Median ms to read the file alone, and to read and check it, interleaved. */
async function measure(file: string): Promise<{ read: number; check: number }> {
  const reads: number[] = [];
  const checks: number[] = [];
  const load = () => readOperations(file, { deadline: Deadline.of({}), budget: new MemoryBudget(Infinity), keepEvents: false });
  for (let i = 0; i < REPS; i++) {
    let start = performance.now();
    await load();
    reads.push(performance.now() - start);
    start = performance.now();
    const verdict = checkOperations(registerModel, (await load()).ops).verdict;
    checks.push(performance.now() - start);
    if (verdict !== 'linearizable') throw new Error(`sequential history of ${file}: checked ${verdict}, expected linearizable`);
  }
  return { read: median(reads), check: median(checks) };
}
