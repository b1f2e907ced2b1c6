// Issue 13, item 3: the same fault layer on NATS node processes — a one-way partition, a link rule,
// pause/resume, and crash/restart of a launched process — each node applying its own mirror.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@faultline/core';
import { fault, FaultNetwork, select, type NetworkUpdate } from '@faultline/transport';
import { NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { nextEvent } from '../../src/workers/testing/wait.ts';
import { Echo, Relay } from '../fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href];
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

describe.skipIf(!available)('the fault layer on NATS node processes', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('applies a one-way partition and a drop rule in the senders, pauses, and crashes and restarts a process', async () => {
    const controller = new FaultNetwork({ nodes: 2 }, createRng(0));
    const c = await NatsCluster.start({
      seed: 7, nodes: 2, cluster: 'faults', nats: { servers: server.url }, modules: MODULES,
      network: { module: '@faultline/transport', export: 'faultNetwork', options: controller.options },
    });
    // Forwarded synchronously (forwardUpdates defers to a microtask), so `await applied` right after a change covers it.
    let applied: Promise<unknown> = Promise.resolve();
    controller.events.on('update', ({ update }: { update: NetworkUpdate }) => {
      applied = Promise.all([applied, c.configureNetwork(update)]);
    });
    try {
      const relay1 = await c.spawn('n1', 'relay', Relay, undefined);
      const relay2 = await c.spawn('n2', 'relay', Relay, undefined);
      const echo1 = await c.spawn('n1', 'echo', Echo, undefined);
      const echo2 = await c.spawn('n2', 'echo', Echo, undefined);
      const via = (relay: typeof relay1, to: typeof echo1, message: string, timeoutMs: number) => c.ask(relay, { to, message, timeoutMs }, { timeoutMs: timeoutMs + 5_000 });
      expect(await via(relay1, echo2, 'before', 5_000)).toEqual({ status: 'ok', value: { status: 'ok', value: 'before' } });

      controller.partitionOneWay('n1', 'n2');
      await applied;
      expect(await via(relay1, echo2, 'lost', 300)).toMatchObject({ status: 'ok', value: { status: 'unknown' } });
      expect(await c.ask(echo2, 'count', { timeoutMs: 10_000 })).toMatchObject({ status: 'ok', value: 2 }); // 'before' and this one: 'lost' never arrived
      // n2 → n1 still works, but n1's answer back to n2 is cut: n2's relay hears nothing.
      expect(await via(relay2, echo1, 'half', 300)).toMatchObject({ status: 'ok', value: { status: 'unknown' } });
      expect(await c.ask(echo1, 'count', { timeoutMs: 10_000 })).toMatchObject({ status: 'ok', value: 2 }); // 'half' arrived, and this one

      controller.heal('n1', 'n2');
      const drop = controller.install({ target: select.link('n2', 'n1'), fault: fault.drop(1) });
      await applied;
      expect(await via(relay2, echo1, 'dropped', 300)).toMatchObject({ value: { status: 'unknown' } });
      drop.remove();
      await applied;
      expect(await via(relay1, echo2, 'after', 5_000)).toEqual({ status: 'ok', value: { status: 'ok', value: 'after' } });

      await c.pause('n2');
      expect(await c.ask(echo2, 'held', { timeoutMs: 300 })).toMatchObject({ status: 'unknown' });
      await c.resume('n2');
      expect(await c.ask(echo2, 'free', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'free' });

      const pid = c.pidOf('n2');
      const down = nextEvent(c, 'node-down', (e) => e.node === 'n2');
      await c.crash('n2');
      expect(await down).toMatchObject({ reason: 'crashed' });
      expect(c.isUp('n2')).toBe(false);
      await c.restart('n2');
      expect(c.pidOf('n2')).not.toBe(pid);
      // A fresh incarnation: boot actors respawned, in-memory state gone.
      expect(await c.ask(echo2, 'count', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 1 });
    } finally {
      await c.shutdown();
    }
  }, 120_000);
});
