import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { address, EncodeError, nodeId, type Envelope } from '@faultline/core';
import { decodeEnvelope, encodeEnvelope, EnvelopeBatch, FrameBatch, type LinkLayer } from '@faultline/transport';
import { DelayLine } from '../src/host/link/delay-line.ts';
import { LazyPacket } from '../src/host/link/lazy-packet.ts';
import { Mesh } from '../src/host/link/mesh.ts';

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

  it('delivers what was sent, not what the sender changed after sending in the same job', async () => {
    const p = pair();
    close = p.close;
    const message = { list: [1], bytes: Buffer.from([1]) };
    p.a.transmit(tell('b', message));
    message.list.push(2);
    message.bytes[0] = 2;
    await waitFor(() => p.got.b?.length === 1);
    const got = p.got.b?.[0]?.payload as typeof message;
    expect({ list: got.list, bytes: [...got.bytes] }).toEqual({ list: [1], bytes: [1] });
  });

  it('delivers what was sent, not what the sender changed while the network held it back', async () => {
    const p = pair({ route: () => ({ deliveries: [{ delayMs: 5 }, { delayMs: 10 }] }) });
    close = p.close;
    const message = { n: 1 };
    p.a.transmit(tell('b', message));
    message.n = 2;
    await new Promise((r) => setTimeout(r, 7));
    message.n = 3;
    await waitFor(() => p.got.b?.length === 2);
    expect(p.got.b?.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 1 }]);
    expect(p.got.b?.[0]?.payload).not.toBe(p.got.b?.[1]?.payload);
  });

  it('throws EncodeError at the sender for a name too long for the wire, and the batch goes on without it', async () => {
    const p = pair();
    close = p.close;
    p.a.transmit(tell('b', 'before'));
    expect(() => p.a.transmit({ ...tell('b', 'bad'), to: address('b', 'y'.repeat(300)) })).toThrow(EncodeError);
    p.a.transmit(tell('b', 'after'));
    await waitFor(() => p.got.b?.length === 2);
    expect(p.got.b?.map((e) => e.payload)).toEqual(['before', 'after']);
    expect(p.a.stats).toMatchObject({ sent: 2, batchesOut: 1 });
  });

  // Issue 21: new Date(NaN) passed the send check, the receiver's decoder refused it, and the whole
  // batch went: 10 of 10 other messages of that turn lost with only a malformed-frame event.
  it('refuses new Date(NaN) at the sender; the 10 other messages of the turn arrive', async () => {
    const p = pair();
    close = p.close;
    for (let i = 0; i < 5; i++) p.a.transmit(tell('b', i, i));
    expect(() => p.a.transmit(tell('b', { at: new Date(Number.NaN) }, 99))).toThrow(EncodeError);
    for (let i = 5; i < 10; i++) p.a.transmit(tell('b', i, i));
    await waitFor(() => p.got.b?.length === 10);
    expect(p.got.b?.map((e) => e.payload)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(p.b.stats.malformed).toBe(0);
  });

  it('drops a frame the network corrupted inside a batch, reports it, and delivers the rest in order', async () => {
    let n = 0;
    const p = pair({
      route: (packet) => {
        const i = n++;
        if (i === 2) expect(packet.bytes.length).toBeGreaterThan(0); // a rule that reads the size, as bandwidth does
        if (i !== 1) return { deliveries: [{ delayMs: 0 }] };
        const bytes = packet.bytes.slice();
        bytes[0] = 0xee; // the wire version
        return { deliveries: [{ delayMs: 0, bytes }] };
      },
    });
    close = p.close;
    for (let i = 0; i < 4; i++) p.a.transmit(tell('b', { i }, i));
    await waitFor(() => p.b.stats.delivered + p.b.stats.malformed === 4);
    expect(p.got.b?.map((e) => e.payload)).toEqual([{ i: 0 }, { i: 2 }, { i: 3 }]);
    expect(p.bad.b).toEqual(['malformed frame: wire version 238, expected 3']);
    expect(p.b.stats).toMatchObject({ delivered: 3, malformed: 1, batchesIn: 1 });
  });

  it('counts a batch it cannot decode at all once, and decodes the next', async () => {
    const p = pair();
    close = p.close;
    const writer = new EnvelopeBatch();
    for (let i = 0; i < 3; i++) writer.append(tell('b', i, i), i);
    const broken = writer.take();
    broken[1] = 42; // the batch format version
    p.a.postRaw(nodeId('b'), broken);
    p.a.transmit(tell('b', 'next'));
    await waitFor(() => p.got.b?.length === 1);
    expect(p.got.b?.map((e) => e.payload)).toEqual(['next']);
    expect(p.bad.b).toEqual(['malformed frame: batch format version 42, expected 1']);
    expect(p.b.stats).toMatchObject({ delivered: 1, malformed: 1, batchesIn: 2 });
  });

  it('shows the network model a snapshot whose bytes are the frame as sent, encoded when read', () => {
    const message = { n: 1 };
    const envelope = tell('b', message);
    const packet = new LazyPacket(nodeId('a'), envelope);
    message.n = 2;
    expect(packet).toMatchObject({ from: 'a', to: 'b' });
    expect(decodeEnvelope(packet.bytes)).toEqual({ ...envelope, payload: { n: 1 }, replyTo: undefined, stamps: undefined });
    expect(packet.bytes).toBe(packet.bytes);
    expect(() => new LazyPacket(nodeId('a'), tell('b', new Map()))).toThrow(EncodeError);
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

