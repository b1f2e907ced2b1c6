import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, type AskOutcome } from '@faultline/core';
import { FaultNetwork, Nemesis, networkPresets } from '@faultline/transport';
import { Simulation, WorkerCluster, type Cluster } from '../../src/index.ts';
import { Echo, Relay } from '../fixtures/actors.ts';

const TEST_ACTORS = new URL('../fixtures/actors.ts', import.meta.url).href;

/**
 * Issue 22, item 10: one scenario, written against `Cluster` only, on a cluster started with
 * `faults`: partition through `cluster.faults`, a nemesis through `cluster.faultTarget()`, and the
 * network's counters through `cluster.networkCounters()` — gathered from every node's mirror on
 * workers, where the controller's copy routes nothing (its own counters stayed at zero before).
 */
async function scenario(cluster: Cluster) {
  const echo = await cluster.spawn('n1', 'echo', Echo, undefined);
  const relay = await cluster.spawn('n2', 'relay', Relay, undefined);
  // The relay on n2 asks the echo on n1 and answers with that ask's outcome: the n2 → n1 link is under test.
  const relayed = async (message: string) => {
    const outer = await cluster.ask<AskOutcome<unknown>>(relay, { to: echo, message, timeoutMs: 200 }, { timeoutMs: 2000 });
    return outer.status === 'ok' ? outer.value.status : `driver ask ${outer.status}`;
  };
  const before = await relayed('before');
  cluster.faults?.partition(['n1'], ['n2']);
  await cluster.settleNetwork();
  const cut = await relayed('cut');
  cluster.faults?.healAll();
  await cluster.settleNetwork();
  const healed = await relayed('healed');
  const nemesis = new Nemesis(cluster.faultTarget(), { seed: 3, schedule: [{ at: 0, do: { kind: 'partition-groups', groups: [['n1'], ['n2', 'n3']] } }, { at: 50, do: { kind: 'heal' } }] });
  const log = await nemesis.run((ms) => cluster.sleep(ms));
  const counters = await cluster.networkCounters();
  return { before, cut, healed, nemesisSteps: log.length, counters };
}

describe('a fault network in one call, the same on every runtime', () => {
  it('simulator: cluster.faults is the network that routes, and its counters are the cluster\'s', async () => {
    const sim = new Simulation({ seed: 5, nodes: 3, faults: networkPresets.lan });
    const r = await scenario(sim);
    expect(sim.faults).toBeInstanceOf(FaultNetwork);
    expect([r.before, r.cut, r.healed]).toEqual(['ok', 'unknown', 'ok']);
    expect(r.nemesisSteps).toBe(2);
    expect(r.counters.total.dropReasons['partition']).toBeGreaterThanOrEqual(1);
    expect(r.counters.links['n2->n1']?.dropped).toBeGreaterThanOrEqual(1);
    expect(r.counters).toEqual(sim.faults?.counters.snapshot());
    await sim.shutdown();
  });

  describe('workers', () => {
    let workers: WorkerCluster | undefined;
    afterAll(async () => { await workers?.shutdown(); });

    it('the same scenario: the partition holds on the workers and the counters come from them', async () => {
      workers = await WorkerCluster.start({ seed: 5, nodes: 3, modules: [TEST_ACTORS], faults: networkPresets.lan });
      const r = await scenario(workers);
      expect([r.before, r.cut, r.healed]).toEqual(['ok', 'unknown', 'ok']);
      expect(r.nemesisSteps).toBe(2);
      // The controller's own copy routed nothing; the sum of the mirrors counted the cut.
      expect(workers.faults?.counters.snapshot().total.sent).toBe(0);
      expect(r.counters.links['n2->n1']?.dropReasons['partition']).toBeGreaterThanOrEqual(1);
      expect(r.counters.links['n2->n1']?.delivered).toBeGreaterThanOrEqual(2);
      expect(r.counters.total.sent).toBe(r.counters.total.delivered + r.counters.total.dropped - r.counters.total.duplicated);
    });
  });

  it('refuses faults together with network, and a nemesis target without faults, saying why', async () => {
    expect(() => new Simulation({ nodes: 2, faults: {}, network: () => new FaultNetwork({ nodes: 2 }) })).toThrow(ConfigError);
    expect(() => new Simulation({ nodes: 2, faults: 'lan' as never })).toThrow(/faults/);
    const plain = new Simulation({ nodes: 2 });
    expect(() => plain.faultTarget()).toThrow(/start the cluster with `faults/);
    expect((await plain.networkCounters()).total.sent).toBe(0);
    await plain.shutdown();
  });
});
