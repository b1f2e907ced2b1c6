/**
 * Worker start-up: how long until every node of a 25-node WorkerCluster is ready, against 25 bare
 * workers that import msgpackr, measured in the same run (interleaved, median of the repetitions).
 * Run by `pnpm bench` from the built dist/ (the bench script builds first), so nodes start from
 * JavaScript; a second row starts them through tsx (a TypeScript actor module), as before dist/.
 */
import { Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { WorkerCluster, siblingModule } from '@faultline/runtime';
import { median, result } from './workers-bench.ts';
import type { BenchResult } from './result.ts';

/** Sizes of one start-up bench run. */
export interface StartBenchOptions {
  readonly nodes?: number;
  readonly repetitions?: number;
}

/** Milliseconds until `n` bare workers that import msgpackr have all said they are ready. */
export async function bareWorkersStart(n: number): Promise<number> {
  const started = performance.now();
  const workers = Array.from({ length: n }, () => new Worker(new URL('./raw/start-worker.mjs', import.meta.url)));
  try {
    await Promise.all(workers.map((w) => new Promise<void>((resolve, reject) => {
      w.once('message', () => resolve());
      w.once('error', reject);
    })));
    return performance.now() - started;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Milliseconds until `WorkerCluster.start` resolves (every node ready) for `n` nodes loading `modules`. */
export async function clusterStart(n: number, modules: readonly string[]): Promise<number> {
  const nodes = Array.from({ length: n }, (_, i) => `n${i + 1}`);
  const started = performance.now();
  const cluster = await WorkerCluster.start({ seed: 1, nodes, modules, startTimeoutMs: 120_000 });
  const ms = performance.now() - started;
  await cluster.shutdown();
  return ms;
}

/** The start-up benches: from JavaScript (the cp-vs-ap actors from dist/) and through tsx, each against bare workers. */
export async function startBenches(options: StartBenchOptions = {}): Promise<BenchResult[]> {
  const n = options.nodes ?? 25;
  const reps = options.repetitions ?? 3;
  const jsModules = [import.meta.resolve('@faultline/registers/actors'), import.meta.resolve('@faultline/membership')];
  const tsModules = [siblingModule(import.meta.url, './start-actors.ts')];
  await bareWorkersStart(n); // warm the file system cache for both sides
  await clusterStart(n, jsModules);
  const bare: number[] = [];
  const fromJs: number[] = [];
  for (let r = 0; r < reps; r++) {
    bare.push(await bareWorkersStart(n));
    fromJs.push(await clusterStart(n, jsModules));
  }
  const bareForTsx = await bareWorkersStart(n);
  const throughTsx = await clusterStart(n, tsModules);
  const baselineName = `${n} bare workers importing msgpackr`;
  const js = jsModules.every((m) => m.endsWith('.js'));
  return [
    result(`workers-start[n=${n}]`, median(fromJs), median(bare), 'ms', `${baselineName}${js ? '' : ' (NOTE: run from source, not dist/)'}`, 'ratio <= 2', (x) => x <= 2),
    result(`workers-start-tsx[n=${n}]`, throughTsx, bareForTsx, 'ms', `${baselineName} (nodes load a .ts actor module through tsx)`),
  ];
}
