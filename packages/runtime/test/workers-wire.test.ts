import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { address, EncodeError, nodeId, type Envelope } from '@faultline/core';
import { encodeEnvelope, FrameBatch, type LinkLayer } from '@faultline/transport';
import { DelayLine } from '../src/workers/delay-line.ts';
import { Mesh } from '../src/workers/mesh.ts';

/** Two meshes in this thread joined by one MessageChannel: the worker data path without workers. */
function pair(link?: LinkLayer) {
  const got: Record<string, Envelope[]> = { a: [], b: [] };
  const bad: Record<string, string[]> = { a: [], b: [] };
  const make = (self: string) => new Mesh({
    self: nodeId(self), link, now: () => performance.now(),
    deliver: (e) => got[self]?.push(e),
    malformed: (error) => bad[self]?.push(error.message),
  });
  const a = make('a');
  const b = make('b');
  const { port1, port2 } = new MessageChannel();
  a.connect(nodeId('b'), port1);
  b.connect(nodeId('a'), port2);
  return { a, b, got, bad, close: () => { a.close(); b.close(); } };
}

const tell = (to: string, payload: unknown, id = 1): Envelope => ({ from: address('a', 'x'), to: address(to, 'y'), kind: 'tell', id, payload });
const waitFor = async (check: () => boolean) => { while (!check()) await new Promise((r) => setImmediate(r)); };

describe('the worker data path (Mesh)', () => {
  let close = () => {};
  afterEach(() => close());

  it('sends every frame of one job as one batch, in order, and decodes them at the other end', async () => {
    const p = pair();
    close = p.close;
    for (let i = 0; i < 5; i++) p.a.transmit(tell('b', { i }, i));
    await waitFor(() => p.got.b?.length === 5);
    expect(p.got.b?.map((e) => e.payload)).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
    expect(p.a.stats).toMatchObject({ sent: 5, batchesOut: 1 });
    expect(p.b.stats).toMatchObject({ delivered: 5, batchesIn: 1, malformed: 0 });
  });

  it('throws EncodeError at the sender and sends nothing', () => {
    const p = pair();
    close = p.close;
    expect(() => p.a.transmit(tell('b', { f: () => 1 }))).toThrow(EncodeError);
    expect(p.a.stats.sent).toBe(0);
  });

  it('delivers same-node frames asynchronously, as a copy', async () => {
    const p = pair();
    close = p.close;
    const payload = { list: [1] };
    p.a.transmit({ ...tell('a', payload), to: address('a', 'y') });
    expect(p.got.a).toHaveLength(0);
    await waitFor(() => p.got.a?.length === 1);
    expect(p.got.a?.[0]?.payload).toEqual(payload);
    expect(p.got.a?.[0]?.payload).not.toBe(payload);
  });

  it('counts a frame to a node it has no channel to as dropped', () => {
    const p = pair();
    close = p.close;
    p.a.transmit(tell('nowhere', 1));
    expect(p.a.stats.dropped).toBe(1);
  });

  it('counts and reports bad input (undecodable or misrouted frames), and keeps decoding the good ones', async () => {
    const p = pair();
    close = p.close;
    const batch = new FrameBatch();
    batch.append(new Uint8Array([0x93, 0xc1, 0xff]));
    batch.append(encodeEnvelope({ ...tell('b', 'misrouted'), to: address('c', 'y') }));
    batch.append(encodeEnvelope(tell('b', 'fine')));
    p.a.postRaw(nodeId('b'), batch.take());
    p.a.postRaw(nodeId('b'), new Uint8Array([0, 0, 0, 9, 1]));
    await waitFor(() => p.b.stats.malformed === 3);
    expect(p.got.b?.map((e) => e.payload)).toEqual(['fine']);
    expect(p.bad.b).toEqual([
      expect.stringMatching(/malformed frame: frame of 3 bytes is shorter than the 44-byte header/),
      'malformed frame: frame addressed to node c arrived at b',
      expect.stringMatching(/overruns the batch/),
    ]);
  });

  it('asks the network model about every remote frame and honours a drop', async () => {
    const seen: string[] = [];
    const p = pair({ route: (packet) => { seen.push(`${packet.from}->${packet.to}`); return { deliveries: [], dropReason: 'test' }; } });
    close = p.close;
    p.a.transmit(tell('b', 1));
    p.a.transmit({ ...tell('a', 2), to: address('a', 'y') });
    await waitFor(() => p.got.a?.length === 1);
    expect(seen).toEqual(['a->b']);
    expect(p.a.stats.dropped).toBe(1);
  });
});

describe('the delay line for frames the network holds back', () => {
  afterEach(() => vi.useRealTimers());

  it('releases in (due time, hold order), like the simulator\'s event queue', () => {
    vi.useFakeTimers();
    let now = 0;
    const line = new DelayLine(() => now);
    const order: string[] = [];
    line.hold(5, () => order.push('a@5'));
    line.hold(2, () => order.push('b@2'));
    line.hold(5, () => order.push('c@5'));
    line.hold(9, () => order.push('d@9'));
    now = 6;
    vi.advanceTimersByTime(6);
    expect(order).toEqual(['b@2', 'a@5', 'c@5']);
    now = 20;
    vi.advanceTimersByTime(20);
    expect(order).toEqual(['b@2', 'a@5', 'c@5', 'd@9']);
    expect(line.size).toBe(0);
  });

  it('drops what it holds when closed', () => {
    vi.useFakeTimers();
    const line = new DelayLine(() => 0);
    const released: number[] = [];
    line.hold(1, () => released.push(1));
    line.close();
    vi.advanceTimersByTime(10);
    expect(released).toEqual([]);
  });
});

