// Issue 21: disk faults on workers too (lose unsynced writes, corrupt a record, slow the disk), through
// the same `cluster.diskFault(node, fault)` as the simulator's disk model, and per-node storage stats.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeEvent } from '@faultline/core';
import { NatsCluster, Simulation, WorkerCluster, type Cluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { SyncedCounter } from '../fixtures/disk-actors.ts';

const FIXTURES = new URL('../fixtures/disk-actors.ts', import.meta.url).href;

type DiskCluster = Cluster & { diskFault(node: string, fault: 'corrupt' | 'lose-unsynced' | 'slow' | 'fast'): Promise<void> };

/** Two adds synced, one not; a lose-unsynced fault crashes the node; after a restart the count is the synced one. */
async function losesOnlyTheUnsynced(cluster: DiskCluster, beforeFault: () => Promise<void> = async () => {}): Promise<void> {
  const counter = await cluster.spawn('n2', 'counter', SyncedCounter, undefined);
  await cluster.ask(counter, 'add');
  await cluster.ask(counter, 'add');
  expect(await cluster.ask(counter, 'sync')).toMatchObject({ status: 'ok', value: { count: 2 } });
  expect(await cluster.ask(counter, 'add')).toEqual({ status: 'ok', value: { count: 3 } });
  await beforeFault();
  await cluster.diskFault('n2', 'lose-unsynced');
  await cluster.restart('n2');
  expect(await cluster.ask(counter, 'read', { timeoutMs: 5000 })).toEqual({ status: 'ok', value: { count: 2 } });
}

describe('cluster.diskFault on every runtime', () => {
  it('lose-unsynced keeps exactly what was synced, in the simulator', async () => {
    await losesOnlyTheUnsynced(new Simulation({ seed: 3, nodes: 2, disk: { onCrash: 'random-prefix' } }));
  });

  it('lose-unsynced keeps exactly what was fsynced, on workers; storage stats count syncs and bytes', async () => {
    const cluster = await WorkerCluster.start({ seed: 3, nodes: 2, modules: [FIXTURES] });
    try {
      await losesOnlyTheUnsynced(cluster, async () => {
        const stats = await cluster.storageStats('n2');
        expect(stats).toMatchObject({ records: 3, syncs: 1 });
        expect(stats.bytesSynced).toBeGreaterThan(0);
        expect(stats.bytesWritten).toBeGreaterThan(stats.bytesSynced); // the third add is not synced
      });
    } finally {
      await cluster.shutdown();
    }
  });

  it('corrupt on workers: the next start detects the flipped byte, reports it, and starts from an older count, never a wrong one', async () => {
    const cluster = await WorkerCluster.start({ seed: 5, nodes: 2, modules: [FIXTURES] });
    const damaged: NodeEvent[] = [];
    cluster.events.on('node-event', (e) => { if (e.type === 'storage-damaged') damaged.push(e); });
    try {
      const counter = await cluster.spawn('n2', 'counter', SyncedCounter, undefined);
      for (let i = 0; i < 3; i++) await cluster.ask(counter, 'add');
      await cluster.ask(counter, 'sync');
      await cluster.diskFault('n2', 'corrupt');
      await cluster.crash('n2');
      await cluster.restart('n2');
      const read = await cluster.ask(counter, 'read', { timeoutMs: 5000 });
      expect(read.status).toBe('ok');
      const count = (read as { value: { count: number } }).value.count;
      expect([0, 1, 2]).toContain(count); // the records before the flipped one
      await cluster.ask(counter, 'read'); // let the event arrive
      expect(damaged.length).toBe(1);
    } finally {
      await cluster.shutdown();
    }
  });

  it('slow on workers makes each fsync wait first, until fast; a down node takes no disk fault', async () => {
    const cluster = await WorkerCluster.start({ seed: 7, nodes: 2, modules: [FIXTURES] });
    try {
      const counter = await cluster.spawn('n2', 'counter', SyncedCounter, undefined);
      await cluster.ask(counter, 'add');
      await cluster.diskFault('n2', 'slow');
      const slow = await cluster.ask(counter, 'sync');
      expect((slow as { value: { syncMs: number } }).value.syncMs).toBeGreaterThanOrEqual(45);
      await cluster.diskFault('n2', 'fast');
      expect(await cluster.ask(counter, 'sync')).toMatchObject({ status: 'ok', value: { count: 1 } });
      await cluster.crash('n2');
      await expect(cluster.diskFault('n2', 'slow')).rejects.toThrow(/down/);
    } finally {
      await cluster.shutdown();
    }
  });
});

const natsAvailable = findNatsServer() !== undefined;
if (!natsAvailable) console.warn(NATS_SKIP_REASON);

describe.skipIf(!natsAvailable)('cluster.diskFault on NATS node processes', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lose-unsynced keeps exactly what was fsynced; storage stats count syncs and bytes', async () => {
    const cluster = await NatsCluster.start({ seed: 3, nodes: 2, cluster: 'disk-faults', nats: { servers: server.url }, modules: [FIXTURES] });
    try {
      await losesOnlyTheUnsynced(cluster, async () => {
        const stats = await cluster.storageStats('n2');
        expect(stats).toMatchObject({ records: 3, syncs: 1 });
        expect(stats.bytesWritten).toBeGreaterThan(stats.bytesSynced);
      });
    } finally {
      await cluster.shutdown();
    }
  });
});
