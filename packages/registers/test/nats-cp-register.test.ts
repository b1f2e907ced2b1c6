// Issue 13, item 6: a 3-process cluster over a real NATS server runs the CP register under a
// partition, and the history it records is linearizable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsCluster } from '@faultline/runtime';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '@faultline/runtime/nats-testing';
import { FaultNetwork, forwardUpdates, networkPresets } from '@faultline/transport';
import { runExperimentOn } from '../src/index.ts';

const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);
const ACTORS = new URL('../src/actors.ts', import.meta.url).href;

describe.skipIf(!available)('the CP register on three NATS node processes', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('refuses the minority during a 2|1 partition and its history stays linearizable', async () => {
    const networkOptions = { nodes: 3, ...networkPresets.lan };
    const net = new FaultNetwork(networkOptions);
    const cluster = await NatsCluster.start({
      seed: 13, nodes: 3, cluster: 'cp', nats: { servers: server.url }, modules: [ACTORS],
      network: { module: '@faultline/transport', export: 'faultNetwork', options: networkOptions },
    });
    const stop = forwardUpdates(net, (update) => cluster.configureNetwork(update));
    try {
      const result = await runExperimentOn({ cluster, net }, {
        seed: 13, nodes: 3, register: { kind: 'cp' },
        workload: { processes: 6, durationMs: 3_000, timeoutMs: 1_000, meanThinkMs: 20 },
        nemesis: { schedule: [{ at: 800, do: { kind: 'partition-groups', groups: [['n1', 'n2'], ['n3']] } }, { at: 2_200, do: { kind: 'heal' } }] },
        settleMs: 500,
      });
      expect(result.linearizability.verdict).toBe('linearizable');
      expect(result.summary.ok).toBeGreaterThan(10);
      // The partition really reached the processes: n3's clients saw refusals or timeouts, the majority kept working.
      const n3 = result.summary.byNode.n3;
      expect((n3?.fail ?? 0) + (n3?.info ?? 0)).toBeGreaterThan(0);
      expect(result.summary.byNode.n1?.ok).toBeGreaterThan(0);
    } finally {
      stop();
      await cluster.shutdown();
    }
  }, 120_000);
});
