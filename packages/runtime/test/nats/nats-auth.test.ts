// Issue 13, item 4: a plain NATS client publishing a forged frame onto a node's subject is believed
// with frame auth off and rejected (counted, reported; the node goes on) with it on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { ActorName, Address, NodeId } from '@faultline/core';
import { encodeEnvelope, FrameBatch } from '@faultline/transport';
import { NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { nextEvent } from '../../src/workers/testing/wait.ts';
import { Echo, Relay } from '../fixtures/actors.ts';
import { Sink } from '../network/fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href, new URL('../network/fixtures/actors.ts', import.meta.url).href];
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 5);
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

function forgedBatch(sink: Address): Uint8Array {
  const batch = new FrameBatch();
  batch.append(encodeEnvelope({ from: { node: 'n1' as NodeId, name: 'burst' as ActorName }, to: sink, kind: 'tell', id: 1, payload: { seq: 666 } }));
  return batch.take();
}

describe.skipIf(!available)('frame auth over NATS: a forged frame from a plain NATS client', () => {
  let server: NatsServer;
  let attacker: NatsConnection;
  beforeAll(async () => {
    server = await NatsServer.start();
    attacker = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await attacker?.close();
    await server?.stop();
  });

  it('is believed with auth off', async () => {
    const cluster = await NatsCluster.start({ seed: 1, nodes: 2, cluster: 'open', nats: { servers: server.url }, modules: MODULES });
    try {
      const sink = await cluster.spawn('n2', 'sink', Sink, undefined);
      attacker.publish('faultline.open.data.n2', forgedBatch(sink));
      await attacker.flush();
      await expect.poll(async () => (await cluster.ask(sink, 'log', { timeoutMs: 5_000 })), { timeout: 10_000 }).toMatchObject({ status: 'ok', value: [{ seq: 666 }] });
    } finally {
      await cluster.shutdown();
    }
  }, 120_000);

  it('is rejected with auth on, counted and reported, while sealed traffic between processes flows', async () => {
    const cluster = await NatsCluster.start({ seed: 1, nodes: 2, cluster: 'sealed', nats: { servers: server.url }, modules: MODULES, auth: { key: KEY } });
    try {
      const sink = await cluster.spawn('n2', 'sink', Sink, undefined);
      const relay = await cluster.spawn('n1', 'relay', Relay, undefined);
      const echo = await cluster.spawn('n2', 'echo', Echo, undefined);
      expect(await cluster.ask(relay, { to: echo, message: 'hi', timeoutMs: 5_000 })).toEqual({ status: 'ok', value: { status: 'ok', value: 'hi' } });
      const rejected = nextEvent(cluster, 'node-event', (e) => e.type === 'frame-rejected');
      attacker.publish('faultline.sealed.data.n2', forgedBatch(sink));
      expect(await rejected).toMatchObject({ at: 'n2', reason: 'missing-mac' });
      expect(await cluster.ask(sink, 'log', { timeoutMs: 5_000 })).toEqual({ status: 'ok', value: [] });
      expect(await cluster.wireStats('n2')).toMatchObject({ rejected: 1 });
    } finally {
      await cluster.shutdown();
    }
  }, 120_000);
});
