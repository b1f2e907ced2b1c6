// Frame auth in the simulator: the fallacy "the network is secure" (issue 13). A host on the network
// that is no node of the cluster puts a forged frame on the wire to n2; without auth n2 believes it.
import { describe, expect, it } from 'vitest';
import type { ActorName, Address, NodeEvent, NodeId } from '@faultline/core';
import { encodeEnvelope, fault, FaultNetwork, FrameAuth, select, type FrameAuthOptions } from '@faultline/transport';
import { Simulation } from '../../src/index.ts';
import { Burst, Sink } from '../network/fixtures/actors.ts';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 7);
const OTHER_KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 9);

async function rig(auth: FrameAuthOptions | undefined) {
  const net = new FaultNetwork({ nodes: 3 });
  const sim = new Simulation({ seed: 5, nodes: 3, network: net.attach, ...(auth ? { auth } : {}) });
  const events: NodeEvent[] = [];
  sim.events.on('node-event', (e) => events.push(e));
  const sink = await sim.spawn('n2', 'sink', Sink, undefined);
  const burst = await sim.spawn('n1', 'burst', Burst, undefined);
  const seqs = async (): Promise<number[]> => {
    const outcome = await sim.ask<{ seq: number }[]>(sink, 'log', { timeoutMs: 100 });
    if (outcome.status !== 'ok') throw new Error(`sink did not answer: ${JSON.stringify(outcome)}`);
    return outcome.value.map((a) => a.seq);
  };
  return { sim, net, sink, burst, events, seqs };
}

/** A frame claiming to come from n1's burst actor, telling the sink a number nobody sent. */
function forged(sink: Address, from: string = 'n1'): Uint8Array {
  return encodeEnvelope({ from: { node: from as NodeId, name: 'burst' as ActorName }, to: sink, kind: 'tell', id: 1, payload: { seq: 666 } });
}

const rejections = (events: NodeEvent[]) => events.filter((e) => e.type === 'frame-rejected');

describe('frame auth in the simulator', () => {
  it('without auth, a forged frame injected onto the wire is believed', async () => {
    const r = await rig(undefined);
    r.sim.injectFrame('n2', forged(r.sink));
    await r.sim.sleep(10);
    expect(await r.seqs()).toEqual([666]);
    expect(r.sim.stats.rejected).toBe(0);
  });

  it('with auth, the same forged frame is rejected (missing-mac), counted on its link and reported; honest traffic still flows', async () => {
    const r = await rig({ key: KEY });
    r.sim.injectFrame('n2', forged(r.sink));
    r.sim.tell(r.burst, { to: r.sink, count: 3 });
    await r.sim.sleep(10);
    expect(await r.seqs()).toEqual([0, 1, 2]);
    expect(rejections(r.events)).toEqual([expect.objectContaining({ type: 'frame-rejected', node: 'n2', reason: 'missing-mac', from: undefined })]);
    expect(r.sim.stats.rejected).toBe(1);
    expect(r.net.counters.snapshot().links['?->n2']).toMatchObject({ rejected: 1, rejectReasons: { 'missing-mac': 1 } });
  });

  it('with auth, a frame sealed with the wrong key is rejected as bad-mac, one naming a stranger as unknown-sender', async () => {
    const r = await rig({ key: KEY });
    const forger = new FrameAuth({ key: OTHER_KEY }, ['n1', 'mallory']);
    r.sim.injectFrame('n2', forger.seal('n1', 'n2', forged(r.sink)));
    r.sim.injectFrame('n2', forger.seal('mallory', 'n2', forged(r.sink, 'mallory')));
    await r.sim.sleep(10);
    expect(await r.seqs()).toEqual([]);
    expect(rejections(r.events).map((e) => e.type === 'frame-rejected' && [e.reason, e.from])).toEqual([['bad-mac', 'n1'], ['unknown-sender', 'mallory']]);
    expect(r.net.counters.total.rejectReasons).toEqual({ 'bad-mac': 1, 'unknown-sender': 1 });
  });

  it('with auth, a frame sealed for n3 and replayed to n2 fails (the tag binds the link), and an insider cannot speak for another node', async () => {
    const r = await rig({ key: KEY });
    r.sim.injectFrame('n2', r.sim.wireFrame('n1', 'n3', forged(r.sink)));
    r.sim.injectFrame('n2', r.sim.wireFrame('n3', 'n2', forged(r.sink, 'n1')));
    r.sim.injectFrame('n2', r.sim.wireFrame('n1', 'n2', forged(r.sink)));
    await r.sim.sleep(10);
    expect(rejections(r.events).map((e) => e.type === 'frame-rejected' && e.reason)).toEqual(['bad-mac', 'sender-mismatch']);
    // A correctly sealed frame is indistinguishable from the real node's: the key is the whole secret.
    expect(await r.seqs()).toEqual([666]);
  });

  it('with auth, a corrupt rule that would silently change payloads gets every altered frame rejected instead', async () => {
    for (const auth of [undefined, { key: KEY }]) {
      const r = await rig(auth);
      r.net.install({ target: select.link('n1', 'n2'), fault: fault.corrupt(1, 1, 'any') });
      r.sim.tell(r.burst, { to: r.sink, count: 50 });
      await r.sim.sleep(10);
      const malformed = r.events.filter((e) => e.type === 'malformed-frame').length;
      const arrived = (await r.seqs()).length;
      if (auth === undefined) {
        // Every frame was altered; some flips break decoding, the rest arrive and are believed as they are.
        expect(r.net.counters.total.corrupted).toBe(50);
        expect(arrived).toBeGreaterThan(0);
        expect(malformed).toBeGreaterThan(0);
        expect(r.sim.stats.rejected).toBe(0);
      } else {
        expect(arrived).toBe(0);
        expect(malformed).toBe(0);
        expect(r.net.counters.snapshot().links['n1->n2']).toMatchObject({ corrupted: 50, rejected: 50, rejectReasons: { 'bad-mac': 50 } });
      }
    }
  });
});
