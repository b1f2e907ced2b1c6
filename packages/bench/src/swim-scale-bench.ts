import { performance } from 'node:perf_hooks';
import { Membership } from '@faultline/membership';
import { Simulation } from '@faultline/runtime';
import type { BenchResult } from './result.ts';

// Issue 27, item 3: SWIM (sim-fast preset) on 100, 300 and 1,000 simulated nodes joined through one
// seed node, 60 virtual seconds each, one after the other in this process: wall time per virtual
// minute, simulator events per second, peak memory. The growth from row to row is the point.

const SIZES = [100, 300, 1000] as const;
const VIRTUAL_MS = 60_000;
const TARGET_WALL_S = 60;
const TARGET_RSS_MB = 2048;

interface Measured {
  readonly n: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly events: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** Nodes that hold every member alive at the end (read from one node's view per 100 nodes). */
  readonly convergedSample: string;
}

async function run(n: number): Promise<Measured> {
  const sim = new Simulation({ seed: 1, nodes: n });
  const seeds = [sim.nodes[0]!];
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const node of sim.nodes) await sim.spawn(node, 'membership', Membership, { config: { preset: 'sim-fast' }, seeds });
  let peakRss = 0;
  let peakHeap = 0;
  for (let t = 0; t < VIRTUAL_MS; t += 1000) {
    await sim.sleep(1000);
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }
  const wallS = (performance.now() - wall0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  let converged = 0;
  let sampled = 0;
  for (let i = 0; i < n; i += 100) {
    sampled++;
    const view = await sim.ask<{ members: { status: string }[] }>({ node: sim.nodes[i]!, name: 'membership' as never }, { type: 'view' });
    if (view.status === 'ok' && view.value.members.filter((m) => m.status === 'alive').length === n) converged++;
  }
  const events = sim.stats.events;
  await sim.shutdown();
  return { n, wallS, cpuS: (cpu.user + cpu.system) / 1e6, events, peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, convergedSample: `${converged}/${sampled}` };
}

/** `swim-scale-*[n=…]`: one row each for wall time per virtual minute, events/s and peak RSS, per cluster size. */
export async function swimScaleBenches(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  let smallest: Measured | undefined;
  for (const n of SIZES) {
    const m = await run(n);
    smallest ??= m;
    process.stdout.write(`swim-scale n=${n}: ${(VIRTUAL_MS / 1000)} virtual s in ${m.wallS.toFixed(1)} s wall (${m.cpuS.toFixed(1)} s CPU), ${m.events} events, peak RSS ${m.peakRssMb.toFixed(0)} MB, heap ${m.peakHeapMb.toFixed(0)} MB, converged views ${m.convergedSample}\n`);
    const big = n === 1000;
    const wallPerMin = m.wallS * (60_000 / VIRTUAL_MS);
    results.push({
      name: `swim-scale-wall-per-virtual-min[n=${n}]`, value: wallPerMin, unit: 's', baseline: 60, baselineName: `real time (CPU ${m.cpuS.toFixed(1)} s)`,
      ratio: wallPerMin / 60, ...(big ? { target: `<= ${TARGET_WALL_S} s`, met: wallPerMin <= TARGET_WALL_S } : {}),
    });
    const rate = m.events / m.wallS;
    const smallRate = smallest.events / smallest.wallS;
    results.push({
      name: `swim-scale-events-per-s[n=${n}]`, value: rate, unit: 'events/s', baseline: smallRate, baselineName: `n=${smallest.n}, same run`, ratio: rate / smallRate,
    });
    results.push({
      name: `swim-scale-peak-rss[n=${n}]`, value: m.peakRssMb, unit: 'MB', baseline: TARGET_RSS_MB, baselineName: '2 GB (issue 27 bound)', ratio: m.peakRssMb / TARGET_RSS_MB,
      ...(big ? { target: `<= ${TARGET_RSS_MB} MB`, met: m.peakRssMb <= TARGET_RSS_MB } : {}),
    });
  }
  return results;
}
