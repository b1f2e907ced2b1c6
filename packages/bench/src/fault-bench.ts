import { WorkerCluster } from '@faultline/runtime';
import { FAULT_NETWORK_MODULE, networkPresets } from '@faultline/transport';
import type { BenchResult } from './result.ts';
import { BenchSink, BenchSource, median, result, tellRun } from './workers-bench.ts';

const MESSAGES = 1_000_000;
const CHUNK = 1024;
const REPETITIONS = 3;

/** A two-node worker cluster with a source on `a` and a sink on `b`, optionally with the fault layer. */
async function startPair(withFaultLayer: boolean) {
  const cluster = await WorkerCluster.start({
    seed: 1,
    nodes: ['a', 'b'],
    modules: [new URL('./workers-bench.ts', import.meta.url).href],
    // Present but idle: no rules, no partitions, zero base latency — what is measured is the layer itself.
    ...(withFaultLayer
      ? { network: { module: FAULT_NETWORK_MODULE, export: 'faultNetwork', options: { nodes: ['a', 'b'], ...networkPresets.ideal } } }
      : {}),
  });
  const sink = await cluster.spawn('b', 'sink', BenchSink, undefined);
  const source = await cluster.spawn('a', 'source', BenchSource, undefined);
  return { cluster, sink, source };
}

/**
 * `fault-layer-overhead`: cross-worker tell throughput with the fault layer present but no fault
 * active, vs the same cluster without it, interleaved in the same run. Target ratio >= 0.9.
 */
export async function faultBenches(): Promise<BenchResult[]> {
  const bare = await startPair(false);
  const faulty = await startPair(true);
  try {
    await tellRun(bare.cluster, bare.source, bare.sink, 100_000, CHUNK, 'fault-layer-overhead warm-up, no layer');
    await tellRun(faulty.cluster, faulty.source, faulty.sink, 100_000, CHUNK, 'fault-layer-overhead warm-up, idle layer');
    const withLayer: number[] = [];
    const without: number[] = [];
    for (let r = 0; r < REPETITIONS; r++) {
      without.push(MESSAGES / (await tellRun(bare.cluster, bare.source, bare.sink, MESSAGES, CHUNK, `fault-layer-overhead run ${r + 1}, no layer`)));
      withLayer.push(MESSAGES / (await tellRun(faulty.cluster, faulty.source, faulty.sink, MESSAGES, CHUNK, `fault-layer-overhead run ${r + 1}, idle layer`)));
    }
    return [result('fault-layer-overhead', median(withLayer), median(without), 'msg/s', 'same cluster without a fault layer', 'ratio >= 0.9', (x) => x >= 0.9)];
  } finally {
    await bare.cluster.shutdown();
    await faulty.cluster.shutdown();
  }
}
