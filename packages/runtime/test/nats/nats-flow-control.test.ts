// Issue 27, item 1 on NATS: in `pnpm bench` the 'nats tell run' stage counted 143,328 of 200,000
// tells with `dropped 0` on a->b: a node's NATS links had no flow control, so a sender outran its
// receiver, whose mailbox (100,000) dropped the excess, counted against no link of the sender (the
// subscription did not know who sent a batch). Links between live NATS nodes now carry credit
// (nats-link.ts): the flood waits at the sender and all of it arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeEvent } from '@faultline/core';
import { NatsCluster, type MessagesLost } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { until } from '../../src/workers/testing/wait.ts';
import { Echo, Relay } from '../fixtures/actors.ts';
import { Busy, ChunkedFlood } from '../fixtures/liveness-actors.ts';

const MODULES = [new URL('../fixtures/liveness-actors.ts', import.meta.url).href, new URL('../fixtures/actors.ts', import.meta.url).href];
/** 3× a NATS node's mailbox bound (100,000): without flow control most of it is dropped at the receiver. */
const FLOOD = 300_000;
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

describe.skipIf(!available)('flow control between live NATS nodes', () => {
  let server: NatsServer;
  let cluster: NatsCluster;
  const events: NodeEvent[] = [];
  const losses: MessagesLost[] = [];
  beforeAll(async () => {
    server = await NatsServer.start();
    cluster = await NatsCluster.start({ seed: 27, nodes: 2, cluster: 'flow', nats: { servers: server.url }, modules: MODULES });
    cluster.events.on('node-event', (e) => events.push(e));
    cluster.events.on('messages-lost', (l) => losses.push(l));
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
    expect(losses).toEqual([]);
  }, 300_000);

  it('recovers a link whose receiver crashed mid-flood: the next incarnation reports what never reached it, and the link carries tells again', async () => {
    const sink = await cluster.spawn('n2', 'sink-2', Busy, { busyUs: 3 });
    const echo = await cluster.spawn('n2', 'echo', Echo, undefined);
    const relay = await cluster.spawn('n1', 'relay', Relay, undefined);
    const flood = await cluster.spawn('n1', 'flood-2', ChunkedFlood, undefined);
    const flooding = cluster.ask(flood, { to: sink, n: FLOOD, chunk: 1_000 }, { timeoutMs: 120_000 });
    await until(async () => {
      const count = await cluster.ask<number>(sink, 'count', { timeoutMs: 30_000 });
      return count.status === 'ok' && count.value > 20_000;
    }, 60_000);
    await cluster.crash('n2');
    await cluster.restart('n2');
    expect(await flooding).toEqual({ status: 'ok', value: FLOOD });
    // Batches in flight to the crashed incarnation held the link's window; its probe and the new incarnation's gap report free it.
    expect(await cluster.ask(relay, { to: echo, message: 'after', timeoutMs: 30_000 }, { timeoutMs: 40_000 })).toEqual({ status: 'ok', value: { status: 'ok', value: 'after' } });
    const link = (await cluster.messageStats()).links['n1->n2'];
    // Lost in the crash (reported by the gap), or past the send queue while the receiver was down: nothing else.
    for (const reason of Object.keys(link?.dropReasons ?? {})) expect(['lost-in-transit', 'send-queue-full']).toContain(reason);
    expect(link?.dropReasons?.['lost-in-transit'] ?? 0).toBeGreaterThan(0);
    // Each of those drops reached the driver too, coalesced by the sender that counted it.
    for (const [reason, n] of Object.entries(link?.dropReasons ?? {})) {
      await until(() => losses.filter((l) => l.link === 'n1->n2' && l.reason === reason).reduce((sum, l) => sum + l.count, 0) === n, 10_000);
    }
    expect(losses.filter((l) => l.link === 'n1->n2').every((l) => l.at === 'n1')).toBe(true);
    expect(losses.length).toBeLessThanOrEqual(100);
  }, 300_000);
});
