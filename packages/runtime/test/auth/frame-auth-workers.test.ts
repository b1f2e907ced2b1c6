// Frame auth on worker threads: the plumbing (options reach every worker and the driver; batches
// are sealed and checked; a forged batch is believed without auth and rejected with it).
import { afterEach, describe, expect, it } from 'vitest';
import type { ActorName, Address, NodeId } from '@faultline/core';
import { encodeEnvelope, FrameAuth, FrameBatch } from '@faultline/transport';
import { DRIVER_NODE, WorkerCluster } from '../../src/index.ts';
import { nextEvent } from '../../src/workers/testing/wait.ts';
import { Echo, Relay } from '../fixtures/actors.ts';
import { Sink } from '../network/fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href, new URL('../network/fixtures/actors.ts', import.meta.url).href];
const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 3);

function forgedBatch(sink: Address): Uint8Array {
  const batch = new FrameBatch();
  batch.append(encodeEnvelope({ from: { node: 'n1' as NodeId, name: 'x' as ActorName }, to: sink, kind: 'tell', id: 1, payload: { seq: 666 } }));
  return batch.take();
}

describe('frame auth on worker threads', () => {
  let cluster: WorkerCluster | undefined;
  afterEach(async () => {
    await cluster?.shutdown();
    cluster = undefined;
  });

  it('without auth, a forged batch posted onto a link is believed', async () => {
    const c = (cluster = await WorkerCluster.start({ seed: 1, nodes: 2, modules: MODULES }));
    const sink = await c.spawn('n2', 'sink', Sink, undefined);
    c.injectRawBatch('n2', forgedBatch(sink));
    expect(await c.ask(sink, 'log')).toMatchObject({ status: 'ok', value: [{ seq: 666 }] });
  });

  it('with auth, node-to-node and driver traffic is sealed and accepted; forged and wrongly keyed batches are rejected, counted and reported', async () => {
    const c = (cluster = await WorkerCluster.start({ seed: 1, nodes: 2, modules: MODULES, auth: { key: KEY } }));
    const sink = await c.spawn('n2', 'sink', Sink, undefined);
    const relay = await c.spawn('n1', 'relay', Relay, undefined);
    const echo = await c.spawn('n2', 'echo', Echo, undefined);
    expect(await c.ask(relay, { to: echo, message: 'hi', timeoutMs: 5_000 })).toEqual({ status: 'ok', value: { status: 'ok', value: 'hi' } });

    const missing = nextEvent(c, 'node-event', (e) => e.type === 'frame-rejected' && e.reason === 'missing-mac');
    c.injectRawBatch('n2', forgedBatch(sink));
    expect(await missing).toMatchObject({ at: 'n2', node: 'n2', from: undefined });
    const bad = nextEvent(c, 'node-event', (e) => e.type === 'frame-rejected' && e.reason === 'bad-mac');
    c.injectRawBatch('n2', new FrameAuth({ key: Uint8Array.from({ length: 32 }, (_, i) => i + 4) }, [DRIVER_NODE]).seal(DRIVER_NODE, 'n2', forgedBatch(sink)));
    expect(await bad).toMatchObject({ at: 'n2', from: DRIVER_NODE });

    expect(await c.ask(sink, 'log')).toEqual({ status: 'ok', value: [] });
    expect(await c.wireStats('n2')).toMatchObject({ rejected: 2, malformed: 0 });
  });

  it('refuses a short key at start, naming the field', async () => {
    await expect(WorkerCluster.start({ seed: 1, nodes: 1, modules: MODULES, auth: { key: new Uint8Array(4) } })).rejects.toThrow(/auth.key/);
  });
});
