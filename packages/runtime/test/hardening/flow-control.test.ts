// Issue 27, item 1: a healthy sender flooding a healthy receiver on an idle network (no fault
// configured) lost tells to the receiver's mailbox bound (drop newest), so `pnpm bench` waited out
// 600 s. Links between live workers now have credit-based flow control (send-window.ts); drops stay
// for paused, crashed or stuck receivers and faults, counted with their reason in messageStats().
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, NodeEvent } from '@faultline/core';
import { WorkerCluster, type MessagesLost } from '../../src/index.ts';
import { until } from '../../src/workers/testing/wait.ts';
import { Busy, ChunkedFlood, Flood } from '../fixtures/liveness-actors.ts';

const ACTORS = new URL('../fixtures/liveness-actors.ts', import.meta.url).href;
/** 20× the mailbox bound: without flow control most of the flood is dropped at the receiver. */
const CAPACITY = 2_000;
const FLOOD = 40_000;

describe('flow control between live workers (mailboxCapacity 2,000)', () => {
  let cluster: WorkerCluster;
  let flood: Address;
  let sink: Address;
  const events: NodeEvent[] = [];
  const losses: MessagesLost[] = [];
  /** What the driver heard of drops on `link` for `reason`: the sum of the counts, and how many reports. */
  const heard = (link: string, reason: string) => {
    const of = losses.filter((l) => l.link === link && l.reason === reason);
    return { count: of.reduce((n, l) => n + l.count, 0), reports: of.length };
  };
  beforeAll(async () => {
    cluster = await WorkerCluster.start({ seed: 27, nodes: 2, mailboxCapacity: CAPACITY, modules: [ACTORS] });
    cluster.events.on('node-event', (e) => events.push(e));
    cluster.events.on('messages-lost', (l) => losses.push(l));
    flood = await cluster.spawn('n1', 'flood', ChunkedFlood, undefined);
  });
  afterAll(() => cluster.shutdown());

  it('delivers all 40,000 tells of a flood to a slower receiver and drops none', async () => {
    sink = await cluster.spawn('n2', 'sink', Busy, { busyUs: 2 });
    const before = await cluster.messageStats();
    expect(await cluster.ask(flood, { to: sink, n: FLOOD, chunk: 500 }, { timeoutMs: 60_000 })).toEqual({ status: 'ok', value: FLOOD });
    await until(async () => (await cluster.ask<number>(sink, 'count')).status === 'ok' && (await cluster.snapshot('n2')).queued === 0, 60_000);
    expect(await cluster.ask(sink, 'count')).toEqual({ status: 'ok', value: FLOOD });
    const link = (await cluster.messageStats()).links['n1->n2'];
    expect(link).toEqual({ sent: (before.links['n1->n2']?.sent ?? 0) + FLOOD, delivered: (before.links['n1->n2']?.delivered ?? 0) + FLOOD, dropped: 0 });
    expect(events.filter((e) => e.type === 'mailbox-overflow')).toEqual([]);
    expect(losses).toEqual([]);
  });

  it('still drops at a paused receiver once its hold is full, counted as paused-hold-full and reported', async () => {
    const held = await cluster.spawn('n2', 'held', Busy, { busyUs: 0 });
    await cluster.pause('n2');
    const n = 3 * CAPACITY;
    expect(await cluster.ask(flood, { to: held, n, chunk: 500 }, { timeoutMs: 60_000 })).toEqual({ status: 'ok', value: n });
    // The paused node keeps taking the flood off the wire (returning credit) into its bounded hold.
    await until(async () => (await cluster.snapshot('n2')).heldDropped === n - CAPACITY, 30_000);
    const stats = await cluster.messageStats();
    expect(stats.links['n1->n2']?.dropReasons).toEqual({ 'paused-hold-full': n - CAPACITY });
    expect(events).toContainEqual(expect.objectContaining({ type: 'mailbox-overflow', node: 'n2', queue: 'paused', capacity: CAPACITY }));
    // Reported to the driver by the node that dropped them, coalesced: a few reports, not one per tell.
    await until(() => heard('n1->n2', 'paused-hold-full').count === n - CAPACITY, 10_000);
    expect(heard('n1->n2', 'paused-hold-full').reports).toBeLessThanOrEqual(20);
    expect(losses.filter((l) => l.reason === 'paused-hold-full').every((l) => l.at === 'n2' && l.from === 'n1' && l.to === 'n2')).toBe(true);
    await cluster.resume('n2');
    expect(await cluster.ask(held, 'count', { timeoutMs: 30_000 })).toEqual({ status: 'ok', value: CAPACITY });
  });

  it('keeps one job that outruns window and send queue to their bounds: the excess dropped at the sender as send-queue-full, reported once', async () => {
    const target = await cluster.spawn('n2', 'target', Busy, { busyUs: 0 });
    const one = await cluster.spawn('n1', 'one-job', Flood, undefined);
    const before = (await cluster.messageStats()).links['n1->n2'];
    // Window: 2,000 / (2 nodes + the driver) = 666 in flight; then 100,000 wait at the sender; the rest is dropped.
    const n = 101_000;
    expect(await cluster.ask(one, { to: target, n }, { timeoutMs: 60_000 })).toEqual({ status: 'ok', value: n });
    const link = (await cluster.messageStats()).links['n1->n2'];
    expect(link?.sent).toBe((before?.sent ?? 0) + n);
    const dropped = (link?.dropReasons?.['send-queue-full'] ?? 0) - (before?.dropReasons?.['send-queue-full'] ?? 0);
    expect(dropped).toBe(n - 666 - 100_000);
    await until(() => heard('n1->n2', 'send-queue-full').count === dropped, 10_000);
    expect(heard('n1->n2', 'send-queue-full').reports).toBeLessThanOrEqual(5);
    expect(events.filter((e) => e.type === 'mailbox-overflow' && e.queue === 'send'))
      .toEqual([expect.objectContaining({ node: 'n1', to: 'n2', capacity: 100_000, dropped: 1 })]);
  });
});
