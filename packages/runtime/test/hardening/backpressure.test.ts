import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address, NodeEvent } from '@faultline/core';
import { Simulation, WorkerCluster } from '../../src/index.ts';
import { nextEvent } from '../../src/workers/testing/wait.ts';
import { Echo } from '../fixtures/actors.ts';
import { Busy } from '../fixtures/liveness-actors.ts';

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
    expect(snap.queueDropped).toBe(15_000);
    expect(await cluster.ask(busy, 'count', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 5_000 });
    expect((await cluster.snapshot('n1')).queued).toBe(0);
  });
});
