import { describe, expect, it } from 'vitest';
import { address, type AskOutcome } from '@faultline/core';
import { Simulation, WorkerCluster, type Cluster } from '../src/index.ts';
import { Probe, PROBE_MODULE } from '../src/workers/testing/probe.ts';
import { Echo, Fragile, Relay } from './fixtures/actors.ts';

const TEST_ACTORS = new URL('./fixtures/actors.ts', import.meta.url).href;

/** One scenario written against the Cluster interface only: the same code drives both runtimes. */
async function scenario(cluster: Cluster): Promise<Record<string, unknown>> {
  const lifecycle: unknown[] = [];
  cluster.events.on('node-down', (e) => lifecycle.push(['down', e.node, e.reason]));
  cluster.events.on('node-up', (e) => lifecycle.push(['up', e.node, e.incarnation]));
  const echo = await cluster.spawn('n1', 'echo', Echo, undefined);
  const fragile = await cluster.spawn('n2', 'fragile', Fragile, undefined);
  const probe = await cluster.spawn('n2', 'probe', Probe, undefined);
  const relay = await cluster.spawn('n3', 'relay', Relay, undefined);
  const r: Record<string, unknown> = {};

  r.direct = await cluster.ask(echo, { hello: ['world', 2n ** 60n] });
  r.relayed = await cluster.ask(relay, { to: echo, message: [1, 2, 3] });
  r.relayedToFragile = await cluster.ask(relay, { to: fragile, message: 'a' });
  r.second = await cluster.ask(fragile, 'a');
  r.rejected = await cluster.ask(fragile, 'no');
  r.noSuchActor = await cluster.ask(relay, { to: address('n1', 'nobody'), message: 1 });
  r.seededDraw = await cluster.ask(probe, 'random');

  r.crashedHandler = await cluster.ask(fragile, 'boom');
  r.afterSupervisedRestart = await askUntilOk(cluster, () => cluster.ask(fragile, 'a'));

  await cluster.crash('n2');
  r.upAfterCrash = cluster.isUp('n2');
  r.relayToCrashed = await cluster.ask(relay, { to: fragile, message: 'a', timeoutMs: 100 });
  r.askCrashed = await cluster.ask(fragile, 'a', { timeoutMs: 100 });

  await cluster.restart('n2');
  r.freshState = await cluster.ask(fragile, 'a');
  r.relayAfterRestart = await cluster.ask(relay, { to: fragile, message: 'a' });
  r.seededDrawAfterRestart = await cluster.ask(probe, 'random');
  r.actorsAfterRestart = (await cluster.snapshot('n2')).actors;
  r.lifecycle = lifecycle;
  return r;
}

/** Retries while the actor is backing off after a failure (a definite `actor-restarting`). */
async function askUntilOk(cluster: Cluster, ask: () => Promise<AskOutcome>): Promise<AskOutcome> {
  for (;;) {
    const outcome = await ask();
    if (outcome.status !== 'failed' || outcome.code !== 'actor-restarting') return outcome;
    await cluster.sleep(5);
  }
}

const expected = {
  direct: { status: 'ok', value: { hello: ['world', 2n ** 60n] } },
  relayed: { status: 'ok', value: { status: 'ok', value: [1, 2, 3] } },
  relayedToFragile: { status: 'ok', value: { status: 'ok', value: 1 } },
  second: { status: 'ok', value: 2 },
  rejected: { status: 'failed', code: 'refused', message: 'I will not' },
  noSuchActor: { status: 'ok', value: { status: 'failed', code: 'unknown-actor', message: 'nobody@n1: no such actor' } },
  crashedHandler: { status: 'unknown', reason: 'crashed', message: 'fragile@n2 threw: Error: asked to explode' },
  afterSupervisedRestart: { status: 'ok', value: 1 },
  upAfterCrash: false,
  relayToCrashed: { status: 'ok', value: { status: 'unknown', reason: 'timeout', message: 'no reply from fragile@n2 within 100 ms' } },
  // The driver heard n2 is down: not sent, a definite failure at once (issue 9).
  askCrashed: { status: 'failed', code: 'node-down', message: 'node n2 is down (reported by the cluster); the ask was not sent' },
  freshState: { status: 'ok', value: 1 },
  relayAfterRestart: { status: 'ok', value: { status: 'ok', value: 2 } },
  actorsAfterRestart: [
    { name: 'fragile', kind: 'test.fragile', state: 'running' },
    { name: 'probe', kind: 'testing.probe', state: 'running' },
  ],
  lifecycle: [['down', 'n2', 'crashed'], ['up', 'n2', 1]],
};

describe('one scenario, both runtimes', () => {
  it('gives the same outcomes in the simulator and on worker threads, seeded draws included', async () => {
    const sim = new Simulation({ seed: 2024, nodes: 3 });
    const simResults = await scenario(sim);
    await sim.shutdown();

    const workers = await WorkerCluster.start({ seed: 2024, nodes: 3, modules: [TEST_ACTORS, PROBE_MODULE] });
    let workerResults: Record<string, unknown>;
    try {
      workerResults = await scenario(workers);
    } finally {
      await workers.shutdown();
    }

    expect(simResults).toMatchObject(expected);
    expect(workerResults).toEqual(simResults);
    expect(simResults.seededDraw).not.toEqual(simResults.seededDrawAfterRestart);
  });
});
