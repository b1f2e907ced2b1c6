import { describe, expect, it } from 'vitest';
import { NodeClocks, type NodeEvent } from '@faultline/core';
import { Simulation } from '../../src/index.ts';
import { Blaster, Echo } from '../fixtures/actors.ts';
import { FRAME_FLAGS_AT, FRAME_HLC_L_AT, frameKind, tamperingNetwork } from './tamper.ts';

const DAY_MS = 86_400_000;

// Issue 9, item 1: a reply whose value is undefined, with its kind bit flipped from `reply` to `fail`,
// decoded cleanly and then crashed the receiver reading `.definite` of an undefined failure body.
describe('a corrupted envelope that decodes cleanly is validated, dropped and reported, never fatal', () => {
  it('drops a reply whose kind bit flipped to fail: the ask ends unknown, the node lives', async () => {
    const sim = new Simulation({
      seed: 9, nodes: 2,
      network: tamperingNetwork((bytes) => {
        if (frameKind(bytes) !== 2) return undefined;
        const flipped = bytes.slice();
        flipped[FRAME_FLAGS_AT] = (flipped[FRAME_FLAGS_AT] as number) ^ 0x01; // reply (2) -> fail (3)
        return flipped;
      }),
    });
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    const outcome = await sim.ask(echo, undefined, { timeoutMs: 50 });
    expect(outcome).toMatchObject({ status: 'unknown', reason: 'timeout' });
    const bad = events.filter((e) => e.type === 'malformed-frame');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ error: expect.stringMatching(/invalid envelope: a fail whose body is not a failure object/) });
    // The driver (which received it) counts it; the simulation goes on.
    await sim.sleep(10);
    expect(sim.isUp('n2')).toBe(true);
  });
});

// Issue 9, item 2: one corrupted `hlc.l` moved a receiver's HLC days ahead; stamps spread it, and
// 65,536 sends later every send threw HlcCounterOverflowError — `ask` threw instead of answering.
describe('a corrupted clock stamp never locks up sending', () => {
  const daysAhead = (bytes: Uint8Array): Uint8Array => {
    const out = bytes.slice();
    const view = new DataView(out.buffer);
    view.setFloat64(FRAME_HLC_L_AT, view.getFloat64(FRAME_HLC_L_AT, true) + 5 * DAY_MS, true);
    return out;
  };

  it('refuses, counts and reports a stamp days ahead under the default max offset', async () => {
    let tampered = false;
    const sim = new Simulation({
      seed: 9, nodes: 2,
      network: tamperingNetwork((bytes, packet) => {
        if (tampered || packet.to !== 'n2' || frameKind(bytes) !== 0) return undefined;
        tampered = true;
        return daysAhead(bytes);
      }),
    });
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    sim.tell(echo, 'poisoned');
    await sim.sleep(5);
    const snap = await sim.snapshot('n2');
    expect(snap.refusedStamps).toBe(1);
    expect(events.some((e) => e.type === 'dead-letter' && /clock stamps refused.*maxOffsetMs=60000/.test(e.reason))).toBe(true);
    expect(sim.hostOf('n2')?.clocks.hlc.l).toBeLessThan(DAY_MS);
    expect(await sim.ask(echo, 'still here')).toEqual({ status: 'ok', value: 'still here' });
  });

  it('keeps sending (the HLC counter carries into l) even when max offset checks are off', async () => {
    let tampered = false;
    const sim = new Simulation({
      seed: 9, nodes: 2, stamping: { hlcMaxOffsetMs: Infinity },
      network: tamperingNetwork((bytes, packet) => {
        if (tampered || packet.to !== 'n2' || frameKind(bytes) !== 1) return undefined;
        tampered = true;
        return daysAhead(bytes);
      }),
    });
    const echo = await sim.spawn('n1', 'echo', Echo, undefined);
    const blaster = await sim.spawn('n2', 'blaster', Blaster, undefined);
    // n2 takes the poisoned l from this ask...
    expect((await sim.ask(blaster, { to: echo, count: 0 })).status).toBe('ok');
    expect(sim.hostOf('n2')?.clocks.hlc.l).toBeGreaterThanOrEqual(5 * DAY_MS);
    // ...and then sends 70,000 tells within one virtual instant: more than 65,536 share one l.
    const outcome = await sim.ask(blaster, { to: echo, count: 70_000 }, { timeoutMs: 10_000 });
    expect(outcome).toEqual({ status: 'ok', value: 70_002 });
  });

  it('NodeClocks stamps stay strictly increasing across a counter carry', () => {
    const clocks = new NodeClocks('n1', () => 5, { hlcMaxOffsetMs: Infinity });
    clocks.observe({ hlc: { l: 5 + DAY_MS, c: 0xfff0 } });
    let last = clocks.hlc;
    for (let i = 0; i < 100; i++) {
      const { hlc } = clocks.stampSend();
      expect(hlc === undefined ? false : hlc.l > last.l || (hlc.l === last.l && hlc.c > last.c)).toBe(true);
      last = hlc ?? last;
    }
    expect(last).toEqual({ l: 5 + DAY_MS + 1, c: 85 });
  });
});
