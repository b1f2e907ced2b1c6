import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, NodeEvent } from '@faultline/core';
import { Simulation, WorkerCluster } from '../../src/index.ts';
import { nextEvent } from '../../src/workers/testing/wait.ts';
import { Echo } from '../fixtures/actors.ts';
import { Busy, Flood } from '../fixtures/liveness-actors.ts';

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

  it('drops past 5,000 queued with an event, and answers a snapshot showing the backlog while it drains', async () => {
    const overflow = nextEvent(cluster, 'node-event', (e) => e.type === 'mailbox-overflow');
    for (let i = 0; i < 20_000; i++) cluster.tell(busy, i);
    expect(await overflow).toMatchObject({ node: 'n1', queue: 'mailbox', capacity: 5_000 });
    // 5,000 × 50 µs = 250 ms of handler time still ahead: the snapshot is answered from between slices.
    const snap = await cluster.snapshot('n1');
    expect(snap.queued).toBeGreaterThan(0);
    // The tells come in two batches (a batch is full at 256 KiB of records), the second maybe after this
    // snapshot; what the node handled between them made room: at most 15,000 dropped, the rest handled.
    expect(snap.queueDropped).toBeGreaterThan(0);
    // An ask arriving while the mailbox is still full would be dropped too: wait (on the control plane) until it drained.
    let end = snap;
    while (end.queued > 0) end = await cluster.snapshot('n1');
    const count = await cluster.ask<number>(busy, 'count', { timeoutMs: 10_000 });
    expect(end.queueDropped).toBeGreaterThan(10_000);
    expect(end.queueDropped).toBeLessThanOrEqual(15_000);
    expect(count).toEqual({ status: 'ok', value: 20_000 - end.queueDropped });
  });
});

// Issue 9, item 5: arriving batches were decoded in the port's message handler, so a flood of full
// batches held a worker's event loop for seconds and the heartbeat flagged it. They are now queued
// undecoded (bounded) and decoded in the mailbox's drain slices.
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

  it('answers a snapshot from between slices, showing the backlog and the drops, and is never flagged unresponsive', async () => {
    const busy = await cluster.spawn('n2', 'busy', Busy, { busyUs: 20 });
    const flood = await cluster.spawn('n1', 'flood', Flood, undefined);
    const overflow = nextEvent(cluster, 'node-event', (e) => e.type === 'mailbox-overflow' && e.node === 'n2');
    const sent = cluster.ask(flood, { to: busy, n: 2_000_000 }, { timeoutMs: 60_000 });
    expect(await overflow).toMatchObject({ queue: 'mailbox', capacity: 100_000 });
    // 100,000 × 20 µs = 2 s of handler time queued: the snapshot must not wait for it, nor for decoding.
    const snap = await cluster.snapshot('n2');
    expect(snap.queued).toBeGreaterThan(0);
    expect(snap.queueDropped).toBeGreaterThan(0);
    expect(await sent).toEqual({ status: 'ok', value: 2_000_000 });
    const after = await cluster.snapshot('n2');
    expect(after.queued + after.queueDropped).toBeGreaterThan(0);
    expect(unresponsive.filter((n) => n === 'n2')).toEqual([]);
  });
});
