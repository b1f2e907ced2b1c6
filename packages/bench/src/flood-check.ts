/** Issue 27's flood: 1M tells from a healthy sender to a healthy receiver, no fault, run `runs` times; prints what each lost. Run with tsx. */
import { WorkerCluster } from '@faultline/runtime';
import { BenchSink, BenchSource, tellRun } from './workers-bench.ts';

const runs = Number(process.argv[2] ?? 3);
const n = 1_000_000;
const cluster = await WorkerCluster.start({ seed: 1, nodes: ['a', 'b'], modules: [new URL('./workers-bench.ts', import.meta.url).href] });
try {
  const sink = await cluster.spawn('b', 'sink', BenchSink, undefined);
  const source = await cluster.spawn('a', 'source', BenchSource, undefined);
  for (let r = 1; r <= runs; r++) {
    const before = (await cluster.messageStats()).total.dropped;
    let outcome = 'ok';
    let seconds = NaN;
    try {
      seconds = await tellRun(cluster, source, sink, n, 1024, `flood ${r}`);
    } catch (error) {
      outcome = String(error);
    }
    const stats = await cluster.messageStats();
    console.log(`flood ${r}: ${n} tells, lost ${stats.total.dropped - before} (${JSON.stringify(stats.total.dropReasons ?? {})}), a->b delivered ${stats.links['a->b']?.delivered}, ${seconds.toFixed(2)} s, ${outcome}`);
  }
} finally {
  await cluster.shutdown();
}
