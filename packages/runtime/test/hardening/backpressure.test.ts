import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, NodeEvent } from '@faultline/core';
import { Simulation, WorkerCluster } from '../../src/index.ts';
import { Echo } from '../fixtures/actors.ts';
import { Busy, ChunkedFlood } from '../fixtures/liveness-actors.ts';

// Issue 9, item 5: a paused node held every message (15M held killed it: ~340 B each), and a worker
// draining a flood stopped answering its control plane. Queues are now bounded, with a stated policy.
describe('a paused node holds at most mailboxCapacity deliveries and drops newer ones, counted and reported', () => {
  it('holds 100 of 1,000 tells, drops 900 with one event, and delivers the 100 in order on resume', async () => {
    const sim = new Simulation({ seed: 5, nodes: 2, mailboxCapacity: 100 });
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    await sim.pause('n2');
    for (let i = 0; i < 1000; i++) sim.tell(echo, i);
    await sim.sleep(10);
    expect(await sim.snapshot('n2')).toMatchObject({ paused: true, held: 100, heldDropped: 900 });
    const overflows = events.filter((e) => e.type === 'mailbox-overflow');
    expect(overflows).toEqual([expect.objectContaining({ node: 'n2', queue: 'paused', capacity: 100, dropped: 1 })]);
    await sim.resume('n2');
    expect(await sim.ask(echo, 'count')).toEqual({ status: 'ok', value: 101 });
    expect(await sim.snapshot('n2')).toMatchObject({ paused: false, held: 0, heldDropped: 900 });
  });
});

describe('a worker draining a flood keeps its mailbox bounded and its control plane answering', () => {
  let cluster: WorkerCluster;
  let busy: Address;
  beforeAll(async () => {
    cluster = await WorkerCluster.start({ seed: 5, nodes: 1, mailboxCapacity: 5_000, modules: [new URL('../fixtures/liveness-actors.ts', import.meta.url).href] });
    busy = await cluster.spawn('n1', 'busy', Busy, { busyUs: 50 });
  });
  afterAll(() => cluster.shutdown());

  // Issue 27: the driver is a live sender on an idle network, so flow control holds its tells past the
  // link's window (at the sender, bounded) instead of the receiver dropping them past 5,000.
  it('keeps at most 5,000 queued, answers a snapshot showing the backlog while it drains, and loses none', async () => {
    for (let i = 0; i < 20_000; i++) cluster.tell(busy, i);
    // 20,000 × 50 µs = 1 s of handler time ahead: the snapshot is answered from between slices.
    const snap = await cluster.snapshot('n1');
    expect(snap.queued).toBeLessThanOrEqual(5_000);
    let end = snap;
    while (end.queued > 0) {
      end = await cluster.snapshot('n1');
      expect(end.queued).toBeLessThanOrEqual(5_000);
    }
    // The ask follows the tells on the same link: it is answered after all of them.
    expect(await cluster.ask<number>(busy, 'count', { timeoutMs: 30_000 })).toEqual({ status: 'ok', value: 20_000 });
    expect(end.queueDropped).toBe(0);
  });
});

// Issue 9, item 5: arriving batches were decoded in the port's message handler, so a flood of full
// batches held a worker's event loop for seconds and the heartbeat flagged it. They are now queued
// undecoded (bounded) and decoded in the mailbox's drain slices. Issue 27: with flow control the
// flood is held at the sender past the link's window, so nothing is dropped.
describe('a worker receiving a flood of full batches answers its control plane while the flood is queued', () => {
  let cluster: WorkerCluster;
  const unresponsive: string[] = [];
  beforeAll(async () => {
    cluster = await WorkerCluster.start({
      seed: 5, nodes: 2, heartbeatMs: 50, unresponsiveAfterMs: 500, modules: [new URL('../fixtures/liveness-actors.ts', import.meta.url).href],
    });
    cluster.events.on('node-unresponsive', (e) => unresponsive.push(e.node));
  });
  afterAll(() => cluster.shutdown());

  it('answers snapshots from between slices while it drains, loses none, and is never flagged unresponsive', async () => {
    const busy = await cluster.spawn('n2', 'busy', Busy, { busyUs: 2 });
    const flood = await cluster.spawn('n1', 'flood', ChunkedFlood, undefined);
    // 20,000 tells a job: about one full batch (256 KiB of records) each.
    const n = 200_000;
    expect(await cluster.ask(flood, { to: busy, n, chunk: 20_000 }, { timeoutMs: 60_000 })).toEqual({ status: 'ok', value: n });
    let snap = await cluster.snapshot('n2');
    while (snap.queued > 0) snap = await cluster.snapshot('n2');
    expect(await cluster.ask(busy, 'count', { timeoutMs: 30_000 })).toEqual({ status: 'ok', value: n });
    expect(snap.queueDropped).toBe(0);
    expect((await cluster.messageStats()).links['n1->n2']).toEqual({ sent: n, delivered: n, dropped: 0 });
    expect(unresponsive.filter((node) => node === 'n2')).toEqual([]);
  });
});
