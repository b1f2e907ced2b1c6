/**
 * `seed-runner-2-threads` (issue 27, item 4): seeds per second through the hunt package's seed
 * runner (`ThreadPool`, one simulator per thread) with two threads, against the same runner with one
 * thread in the same run, interleaved. Target: two threads ≥ 1.7× one on a 2-core machine.
 */
import { performance } from 'node:perf_hooks';
import { ThreadPool } from '@faultline/hunt';
import { median, result } from './workers-bench.ts';
import type { BenchResult } from './result.ts';

const SEEDS = 8;
const DELIVERIES = 150_000;
const REPETITIONS = 3;

type Input = { seed: number; deliveries: number };

async function seedsPerSecond(pool: ThreadPool<Input, number>): Promise<number> {
  const inputs = Array.from({ length: SEEDS }, (_, i) => ({ seed: i + 1, deliveries: DELIVERIES }));
  const start = performance.now();
  let delivered = 0;
  await pool.map(inputs[Symbol.iterator](), (n) => { delivered += n; });
  const seconds = (performance.now() - start) / 1000;
  if (delivered < SEEDS * DELIVERIES) throw new Error(`seed runner: ${delivered} deliveries, expected at least ${SEEDS * DELIVERIES}`);
  return SEEDS / seconds;
}

export async function seedBenches(): Promise<BenchResult[]> {
  const handlerModule = new URL('./seed-task.ts', import.meta.url).href;
  const one = new ThreadPool<Input, number>({ threads: 1, handlerModule, handlerExport: 'simulateSeed' });
  const two = new ThreadPool<Input, number>({ threads: 2, handlerModule, handlerExport: 'simulateSeed' });
  try {
    process.stdout.write(`seeds: 1..${SEEDS}, ${DELIVERIES.toLocaleString('en-US')} deliveries each\n`);
    await seedsPerSecond(one); // warm up every thread's JIT
    await seedsPerSecond(two);
    const ones: number[] = [];
    const twos: number[] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      ones.push(await seedsPerSecond(one));
      twos.push(await seedsPerSecond(two));
    }
    return [result('seed-runner-2-threads', median(twos), median(ones), 'seeds/s', 'the same seed runner with 1 thread', 'ratio >= 1.7', (x) => x >= 1.7)];
  } finally {
    await one.close();
    await two.close();
  }
}
