import { address, defineActor, type NodeId } from '@faultline/core';
import { WorkerCluster, type Cluster } from '@faultline/runtime';
import { ApRegister, CpRegister } from '@faultline/registers/actors';
import type { BenchResult } from './result.ts';
import { result } from './workers-bench.ts';

const NODES = 5;
const CLIENTS = 20;
const DURATION_MS = 3000;

/** The baseline replica: answers reads and writes at once, no replication — what the client path alone costs. */
export const EchoRegister = defineActor<{ type: 'read' | 'write' }, void>({
  kind: 'bench.echo-register',
  setup: () => ({ receive: (m) => (m.type === 'read' ? { value: null } : { written: true }) }),
});

/** Closed-loop clients: each asks its node, waits, asks again, for DURATION_MS; returns completed ops/s. */
async function hammer(cluster: Cluster, name: string): Promise<number> {
  let done = 0;
  const deadline = Date.now() + DURATION_MS;
  const started = Date.now();
  await Promise.all(Array.from({ length: CLIENTS }, async (_, c) => {
    const node = cluster.nodes[c % cluster.nodes.length] as NodeId;
    for (let i = 0; Date.now() < deadline; i++) {
      const request = i % 2 === 0 ? { type: 'write', key: `k${c % 5}`, value: c * 1_000_000 + i } : { type: 'read', key: `k${c % 5}` };
      const outcome = await cluster.ask(address(node, name), request, { timeoutMs: 2000 });
      if (outcome.status === 'ok') done++;
    }
  }));
  return done / ((Date.now() - started) / 1000);
}

/**
 * `register-ops`: CP (ABD) and AP (LWW-HLC) operations per second on 5 worker nodes without faults,
 * half reads and half writes from 20 closed-loop clients, vs the same clients against a replica
 * that answers without replicating (same run): the ratio is what replication costs.
 */
export async function registerBenches(): Promise<BenchResult[]> {
  const cluster = await WorkerCluster.start({
    seed: 1,
    nodes: NODES,
    modules: [import.meta.resolve('@faultline/registers/actors'), import.meta.url],
  });
  try {
    for (const node of cluster.nodes) {
      await cluster.spawn(node, 'echo', EchoRegister, undefined);
      await cluster.spawn(node, 'cp', CpRegister, {});
      await cluster.spawn(node, 'ap', ApRegister, { policy: 'lww-hlc' });
    }
    await hammer(cluster, 'echo'); // warm up
    const echo = await hammer(cluster, 'echo');
    const cp = await hammer(cluster, 'cp');
    const ap = await hammer(cluster, 'ap');
    const baselineName = `same clients vs a non-replicating replica, ${NODES} workers, ${CLIENTS} clients`;
    return [
      result('register-ops-cp', cp, echo, 'ops/s', baselineName),
      result('register-ops-ap', ap, echo, 'ops/s', baselineName),
    ];
  } finally {
    await cluster.shutdown();
  }
}
