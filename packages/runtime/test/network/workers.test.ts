import { afterEach, describe, expect, it } from 'vitest';
import { createRng } from '@faultline/core';
import { FAULT_NETWORK_MODULE, FaultNetwork, fault, forwardUpdates, select, type NetworkUpdate } from '@faultline/transport';
import { WorkerCluster } from '../../src/index.ts';
import { until } from '../../src/workers/testing/wait.ts';
import { Echo, Relay } from '../fixtures/actors.ts';
import { Burst, Sink } from './fixtures/actors.ts';

const MODULES = [
  new URL('../fixtures/actors.ts', import.meta.url).href,
  new URL('./fixtures/actors.ts', import.meta.url).href,
];

describe('FaultNetwork on worker threads: every sender mirrors the controller through apply(update)', () => {
  let cluster: WorkerCluster | undefined;
  afterEach(async () => {
    await cluster?.shutdown();
    cluster = undefined;
  });

  it('blocks one direction of a one-way partition in the workers, applies rules, and heals', async () => {
    // The controller never routes a frame: it validates changes, names rules and emits the updates.
    const controller = new FaultNetwork({ nodes: 3 }, createRng(0));
    const c = (cluster = await WorkerCluster.start({
      seed: 7, nodes: 3, modules: MODULES,
      network: { module: FAULT_NETWORK_MODULE, export: 'faultNetwork', options: controller.options },
    }));
    let applied: Promise<unknown> = Promise.resolve();
    forwardUpdates(controller, (u: NetworkUpdate) => {
      applied = Promise.all([applied, c.configureNetwork(u)]);
    });
    const relay1 = await c.spawn('n1', 'relay', Relay, undefined);
    const echo2 = await c.spawn('n2', 'echo', Echo, undefined);
    const sink1 = await c.spawn('n1', 'sink', Sink, undefined);
    const burst2 = await c.spawn('n2', 'burst', Burst, undefined);
    expect(await c.ask(relay1, { to: echo2, message: 'before', timeoutMs: 5_000 })).toEqual({ status: 'ok', value: { status: 'ok', value: 'before' } });

    controller.partitionOneWay('n1', 'n2');
    await applied;
    expect(await c.ask(relay1, { to: echo2, message: 'lost', timeoutMs: 200 })).toMatchObject({ status: 'ok', value: { status: 'unknown' } });
    expect(await c.ask(burst2, { to: sink1, count: 50 })).toEqual({ status: 'ok', value: 50 });
    await until(async () => {
      const n = await c.ask<number>(sink1, 'count');
      return n.status === 'ok' && n.value === 50;
    });

    controller.heal('n1', 'n2');
    const drop = controller.install({ target: select.link('n1', 'n2'), fault: fault.drop(1) });
    await applied;
    expect(await c.ask(relay1, { to: echo2, message: 'dropped', timeoutMs: 200 })).toMatchObject({ value: { status: 'unknown' } });
    drop.remove();
    await applied;
    expect(await c.ask(relay1, { to: echo2, message: 'after', timeoutMs: 5_000 })).toEqual({ status: 'ok', value: { status: 'ok', value: 'after' } });
  });
});
