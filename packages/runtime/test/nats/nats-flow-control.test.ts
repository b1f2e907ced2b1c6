// Issue 27, item 1 on NATS: in `pnpm bench` the 'nats tell run' stage counted 143,328 of 200,000
// tells with `dropped 0` on a->b: a node's NATS links had no flow control, so a sender outran its
// receiver, whose mailbox (100,000) dropped the excess, counted against no link of the sender (the
// subscription did not know who sent a batch). Links between live NATS nodes now carry credit
// (nats-link.ts): the flood waits at the sender and all of it arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeEvent } from '@faultline/core';
import { NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { until } from '../../src/workers/testing/wait.ts';
import { Busy, ChunkedFlood } from '../fixtures/liveness-actors.ts';

const MODULES = [new URL('../fixtures/liveness-actors.ts', import.meta.url).href];
/** 3× a NATS node's mailbox bound (100,000): without flow control most of it is dropped at the receiver. */
const FLOOD = 300_000;
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

describe.skipIf(!available)('flow control between live NATS nodes', () => {
  let server: NatsServer;
  let cluster: NatsCluster;
  const events: NodeEvent[] = [];
  beforeAll(async () => {
    server = await NatsServer.start();
    cluster = await NatsCluster.start({ seed: 27, nodes: 2, cluster: 'flow', nats: { servers: server.url }, modules: MODULES });
    cluster.events.on('node-event', (e) => events.push(e));
  });
  afterAll(async () => {
    await cluster?.shutdown();
    await server?.stop();
  });

  it('delivers all 300,000 tells of a flood to a slower receiver and loses none, counted or not', async () => {
    const sink = await cluster.spawn('n2', 'sink', Busy, { busyUs: 3 });
    const flood = await cluster.spawn('n1', 'flood', ChunkedFlood, undefined);
    expect(await cluster.ask(flood, { to: sink, n: FLOOD, chunk: 1_000 }, { timeoutMs: 120_000 })).toEqual({ status: 'ok', value: FLOOD });
    // Settled: the sink has them all, or every tell is accounted for as delivered or dropped (an uncounted loss times out here).
    await until(async () => {
      const count = await cluster.ask<number>(sink, 'count', { timeoutMs: 30_000 });
      if (count.status === 'ok' && count.value === FLOOD) return true;
      const stats = await cluster.messageStats();
      return (stats.links['n1->n2']?.delivered ?? 0) + stats.total.dropped >= FLOOD && (await cluster.snapshot('n2')).queued === 0;
    }, 120_000);
    expect(await cluster.ask(sink, 'count', { timeoutMs: 30_000 })).toEqual({ status: 'ok', value: FLOOD });
    const stats = await cluster.messageStats();
    expect(stats.links['n1->n2']).toEqual({ sent: FLOOD, delivered: FLOOD, dropped: 0 });
    expect(stats.total.dropped).toBe(0);
    expect(events.filter((e) => e.type === 'mailbox-overflow')).toEqual([]);
  }, 300_000);
});
