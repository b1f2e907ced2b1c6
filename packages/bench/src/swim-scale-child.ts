// One swim-scale size in a fresh process, for swim-scale-bench.ts: SWIM (sim-fast preset) on `n`
// simulated nodes joined through one seed node, 60 virtual seconds; prints one JSON line
// (SwimScaleChildResult). Usage: node --import tsx swim-scale-child.ts N [VIRTUAL_MS]
import { performance } from 'node:perf_hooks';
import { Membership, type MembershipView } from '@faultline/membership';
import { Simulation } from '@faultline/runtime';

/** What one child measures. */
export interface SwimScaleChildResult {
  readonly n: number;
  readonly virtualMs: number;
  readonly wallS: number;
  readonly cpuS: number;
  readonly events: number;
  /** Messages delivered: with `events`, a fingerprint of the run (the same seed must give the same counts). */
  readonly delivered: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  /** Nodes that hold every member alive at the end (read from one node's view per 100 nodes). */
  readonly convergedSample: string;
}

async function run(n: number, virtualMs: number): Promise<SwimScaleChildResult> {
  const sim = new Simulation({ seed: 1, nodes: n });
  const seeds = [sim.nodes[0]!];
  const wall0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const node of sim.nodes) await sim.spawn(node, 'membership', Membership, { config: { preset: 'sim-fast' }, seeds });
  let peakRss = 0;
  let peakHeap = 0;
  for (let t = 0; t < virtualMs; t += 1000) {
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
    const view = await sim.ask<MembershipView>({ node: sim.nodes[i]!, name: 'membership' as never }, { type: 'view' });
    if (view.status === 'ok' && view.value.members.filter((m) => m.status === 'alive').length === n) converged++;
  }
  const events = sim.stats.events;
  const delivered = sim.stats.delivered;
  await sim.shutdown();
  return {
    n, virtualMs, wallS, cpuS: (cpu.user + cpu.system) / 1e6, events, delivered,
    peakRssMb: peakRss / 2 ** 20, peakHeapMb: peakHeap / 2 ** 20, convergedSample: `${converged}/${sampled}`,
  };
}

const n = Number(process.argv[2]);
const virtualMs = Number(process.argv[3] ?? 60_000);
if (!Number.isInteger(n) || n < 1) throw new Error('usage: swim-scale-child.ts N [VIRTUAL_MS]');
process.stdout.write(`${JSON.stringify(await run(n, virtualMs))}\n`);
