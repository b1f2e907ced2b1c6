/**
 * `seed-runner-2-threads` (issue 27, item 4): seeds per second through the hunt package's seed
 * runner (`ThreadPool`, one simulator per thread) with two threads, against the same runner with one
 * thread in the same run, interleaved. Target: two threads ≥ 1.7× one on a 2-core machine.
 */
import { performance } from 'node:perf_hooks';
import { SeedRunner, ThreadPool, type SeedTask } from '@faultline/hunt';
import { CORPUS } from '@faultline/hunt/corpus';
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

/** The corpus entry whose seeds `faultline test` checks in the hunt row: a lease lock over a lossy, paused network. */
const HUNT_ENTRY = 'lock-fencing';
const HUNT_SEEDS = 160;

/**
 * `faultline-test-2-workers` (issue 23): seeds per second of `faultline test`'s own seed runner on a
 * corpus scenario (swarm mixes, buggify, step invariants: the real per-seed work) with
 * `--workers 2` against `--workers 1` (this thread), warm, interleaved, the same seeds each time.
 */
export async function huntRows(): Promise<BenchResult[]> {
  const entry = CORPUS.find((e) => e.name === HUNT_ENTRY);
  if (!entry) throw new Error(`corpus entry ${HUNT_ENTRY} is missing`);
  const tasks = (): Iterator<SeedTask> => Array.from({ length: HUNT_SEEDS }, (_, i) => ({ scenario: entry.broken.name, seed: i + 1, buggify: true, checkDeterminism: false }))[Symbol.iterator]();
  const one = new SeedRunner({ file: entry.file, workers: 1 });
  const two = new SeedRunner({ file: entry.file, workers: 2, batch: 8 });
  // Wall time gives the speed-up; process CPU time (every thread) tells whether the machine gave
  // the run two cores at all: on a loaded machine the scheduler may hand a session one core's worth
  // however many threads it runs, and then no seed runner can be 1.7× faster.
  const rate = async (runner: SeedRunner) => {
    const hashes: string[] = [];
    const start = performance.now();
    const cpu = process.cpuUsage();
    await runner.run(tasks(), (o) => { hashes[o.result.seed - 1] = o.result.traceHash; return true; });
    const used = process.cpuUsage(cpu);
    const seconds = (performance.now() - start) / 1000;
    if (hashes.filter(Boolean).length !== HUNT_SEEDS) throw new Error(`hunt bench: ${hashes.length} seeds answered, expected ${HUNT_SEEDS}`);
    const cpuSeconds = (used.user + used.system) / 1e6;
    return { perSecond: HUNT_SEEDS / seconds, cpuMsPerSeed: (cpuSeconds * 1000) / HUNT_SEEDS, cores: cpuSeconds / seconds, hashes: hashes.join() };
  };
  try {
    await Promise.all([one.warm(), two.warm()]);
    const first = await rate(one); // warms this thread's JIT, and is the run the others must equal
    if ((await rate(two)).hashes !== first.hashes) throw new Error('hunt bench: two workers gave other runs than one');
    const ones: Awaited<ReturnType<typeof rate>>[] = [];
    const twos: Awaited<ReturnType<typeof rate>>[] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      ones.push(await rate(one));
      twos.push(await rate(two));
    }
    const show = (xs: typeof ones) => `${xs.map((x) => x.perSecond.toFixed(1)).join('/')} seeds/s on ${xs.map((x) => x.cores.toFixed(2)).join('/')} cores`;
    process.stdout.write(`faultline test ${HUNT_ENTRY}: seeds 1..${HUNT_SEEDS}; 1 worker ${show(ones)}; 2 workers ${show(twos)}\n`);
    const pick = (xs: typeof ones, f: (x: (typeof ones)[number]) => number) => median(xs.map(f));
    return [
      result('faultline-test-2-workers', pick(twos, (x) => x.perSecond), pick(ones, (x) => x.perSecond), 'seeds/s', 'faultline test --workers 1 (same seeds)', 'ratio >= 1.7', (x) => x >= 1.7),
      // CPU per seed with two workers against one: the runner's own cost (messages, copies, a second heap).
      result('faultline-test-2-workers-cpu', pick(twos, (x) => x.cpuMsPerSeed), pick(ones, (x) => x.cpuMsPerSeed), 'CPU ms/seed', 'the same with --workers 1', 'ratio <= 1.15', (x) => x <= 1.15),
      result('faultline-test-2-workers-cores', pick(twos, (x) => x.cores), pick(ones, (x) => x.cores), 'cores', 'cores --workers 1 got'),
    ];
  } finally {
    await one.close();
    await two.close();
  }
}

export async function seedBenches(): Promise<BenchResult[]> {
  return [...(await tokenRows()), ...(await huntRows())];
}

async function tokenRows(): Promise<BenchResult[]> {
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
