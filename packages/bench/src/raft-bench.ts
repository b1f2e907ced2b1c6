import { address, type NodeId } from '@faultline/core';
import { awaitLeader, leaderHint, RaftKv } from '@faultline/raft';
import { Simulation, WorkerCluster, type Cluster } from '@faultline/runtime';
import { FaultNetwork, networkPresets } from '@faultline/transport';
import { median } from './median.ts';
import { EchoRegister } from './register-bench.ts';
import type { BenchResult } from './result.ts';
import { result } from './workers-bench.ts';

const NODES = 5;
const CLIENTS = 20;
/** Of the cluster's own time: virtual ms in the simulator, real ms on workers. */
const DURATION_MS = 3000;

/**
 * Closed-loop writers, all at `node` (following a `not-leader` hint if leadership moves): completed
 * writes per second of the cluster's time, and the median latency in ms of the completed ones.
 */
async function writers(cluster: Cluster, first: NodeId, name: string): Promise<{ perSecond: number; latencyMs: number }> {
  const latencies: number[] = [];
  let node = first;
  const started = cluster.now();
  const deadline = started + DURATION_MS;
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    for (let i = 0; cluster.now() < deadline; i++) {
      const sent = cluster.now();
      const outcome = await cluster.ask(address(node, name), { type: 'write', key: `k${c % 5}`, value: c * 1_000_000 + i }, { timeoutMs: 2000 });
      if (outcome.status === 'ok') latencies.push(cluster.now() - sent);
      else if (outcome.status === 'failed' && outcome.code === 'not-leader') node = (leaderHint(outcome.message) as NodeId | undefined) ?? node;
    }
  }));
  return { perSecond: latencies.length / ((cluster.now() - started) / 1000), latencyMs: median(latencies) };
}

/** The Raft KV's committed writes and commit latency at its leader, then the same clients asking an echo actor on that node. */
async function measure(cluster: Cluster, where: string): Promise<BenchResult[]> {
  for (const node of cluster.nodes) {
    await cluster.spawn(node, 'raft', RaftKv, {});
    await cluster.spawn(node, 'echo', EchoRegister, undefined);
  }
  const leader = await awaitLeader(cluster, 'raft', 10_000);
  if (leader === undefined) throw new Error(`raft bench (${where}): no leader within 10 s`);
  await writers(cluster, leader.self, 'echo'); // warm up
  const echo = await writers(cluster, leader.self, 'echo');
  // The echo phases load the machine; on workers a leader may have changed meanwhile.
  const now = (await awaitLeader(cluster, 'raft', 10_000)) ?? leader;
  const raft = await writers(cluster, now.self, 'raft');
  const baseline = `same clients asking an echo actor on the leader's node (one ask round trip), ${where}, ${CLIENTS} clients`;
  return [
    result(`raft-writes-${where}`, raft.perSecond, echo.perSecond, 'ops/s', baseline),
    result(`raft-commit-latency-${where}`, raft.latencyMs, echo.latencyMs, 'ms', baseline),
  ];
}

/**
 * `raft`: committed writes per second and the median commit latency (the client's ask until the
 * leader applied the entry a majority stored and synced) on 5 simulated nodes (LAN latency,
 * virtual time) and on 5 worker threads (real time), each against the ask round trip of the same
 * clients to an echo actor on the leader's node in the same run. Seed 1, no faults.
 */
export async function raftBenches(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const net = new FaultNetwork({ nodes: NODES, ...networkPresets.lan });
  const sim = new Simulation({ seed: 1, nodes: NODES, network: net.attach });
  try {
    out.push(...(await measure(sim, 'sim')));
  } finally {
    await sim.shutdown();
  }
  const workers = await WorkerCluster.start({ seed: 1, nodes: NODES, startTimeoutMs: 120_000, modules: [import.meta.resolve('@faultline/raft'), import.meta.resolve('./register-bench.ts')] });
  try {
    out.push(...(await measure(workers, 'workers')));
  } finally {
    await workers.shutdown();
  }
  return out;
}
