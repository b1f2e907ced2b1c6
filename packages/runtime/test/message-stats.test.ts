// Message stats per node and per link (issue 10, item 6): the same counts from the same scenario
// in both runtimes, drops on the link that dropped, and sim.stats.events counting scheduler events.
import { afterEach, describe, expect, it } from 'vitest';
import { fault, FaultNetwork, select } from '@faultline/transport';
import { diffMessageStats, messagesBetweenNodes, Simulation, WorkerCluster, type Cluster, type MessageStats } from '../src/index.ts';
import { Echo, Relay } from './fixtures/actors.ts';

const TEST_ACTORS = new URL('./fixtures/actors.ts', import.meta.url).href;

/** 4 asks from the driver to n1, and 3 relayed by n2 to n1 (driver → n2 → n1 → n2 → driver). */
async function scenario(cluster: Cluster): Promise<MessageStats> {
  const echo = await cluster.spawn('n1', 'echo', Echo, undefined);
  const relay = await cluster.spawn('n2', 'relay', Relay, undefined);
  const before = await cluster.messageStats();
  for (let i = 0; i < 4; i++) expect((await cluster.ask(echo, i)).status).toBe('ok');
  for (let i = 0; i < 3; i++) expect((await cluster.ask(relay, { to: echo, message: i })).status).toBe('ok');
  return diffMessageStats(before, await cluster.messageStats());
}

const expected = {
  'driver->n1': { sent: 4, delivered: 4, dropped: 0 },
  'n1->driver': { sent: 4, delivered: 4, dropped: 0 },
  'driver->n2': { sent: 3, delivered: 3, dropped: 0 },
  'n2->n1': { sent: 3, delivered: 3, dropped: 0 },
  'n1->n2': { sent: 3, delivered: 3, dropped: 0 },
  'n2->driver': { sent: 3, delivered: 3, dropped: 0 },
};

describe('message stats', () => {
  let workers: WorkerCluster | undefined;
  afterEach(async () => {
    await workers?.shutdown();
    workers = undefined;
  });

  it('counts every message on its link, per node and in total, in the simulator', async () => {
    const stats = await scenario(new Simulation({ seed: 1, nodes: 3 }));
    expect(stats.links).toMatchObject(expected);
    expect(stats.nodes['n1']).toEqual({ sent: 7, delivered: 7, dropped: 0 });
    expect(stats.nodes['driver']).toEqual({ sent: 7, delivered: 7, dropped: 0 });
    expect(messagesBetweenNodes(stats)).toBe(20);
  });

  it('counts the same on worker threads, gathered from every node', async () => {
    workers = await WorkerCluster.start({ seed: 1, nodes: 3, modules: [TEST_ACTORS] });
    const stats = await scenario(workers);
    for (const [link, counts] of Object.entries(expected)) expect(stats.links[link], link).toEqual(counts);
    expect(messagesBetweenNodes(stats)).toBe(20);
  });

  it('puts a drop on the link that dropped it, and on its sender', async () => {
    const net = new FaultNetwork({ nodes: 2 });
    net.install({ target: select.link('n1', 'driver'), fault: fault.drop(1) });
    const sim = new Simulation({ seed: 1, nodes: 2, network: net.attach });
    const echo = await sim.spawn('n1', 'echo', Echo, undefined);
    expect((await sim.ask(echo, 'x', { timeoutMs: 50 })).status).toBe('unknown');
    const stats = await sim.messageStats();
    expect(stats.links['n1->driver']).toEqual({ sent: 1, delivered: 0, dropped: 1 });
    expect(stats.nodes['n1']).toMatchObject({ sent: 1, dropped: 1 });
    expect(stats.total).toEqual({ sent: 2, delivered: 1, dropped: 1 });
  });

  it('counts the events the simulator runs in sim.stats.events', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    expect(sim.stats.events).toBe(0);
    await sim.sleep(10);
    const afterSleep = sim.stats.events;
    expect(afterSleep).toBeGreaterThan(0);
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    await sim.ask(echo, 1);
    expect(sim.stats.events).toBeGreaterThanOrEqual(afterSleep + 2); // at least the delivery there and the reply back
  });
});
