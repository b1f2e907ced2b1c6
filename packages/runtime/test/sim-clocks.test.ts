import { describe, expect, it } from 'vitest';
import { compareHlc, defineActor, packHlc, unpackHlc, type Address, type ClockStamps } from '@faultline/core';
import { Simulation } from '../src/index.ts';

/** Replies with what it saw: the sender's stamps and its own clocks after receiving. */
const StampProbe = defineActor<{ forward?: Address }, void>({
  kind: 'test.stamp-probe',
  setup(ctx) {
    return {
      async receive(m, incoming) {
        const seen = { stamps: incoming.stamps as ClockStamps, lamport: ctx.clocks.lamport, hlc: ctx.clocks.hlc, vector: ctx.clocks.vector, now: ctx.now() };
        if (m.forward) {
          const next = await ctx.ask<(typeof seen)[]>(m.forward, {});
          return next.status === 'ok' ? [seen, ...next.value] : [seen, null];
        }
        return [seen];
      },
    };
  },
});

describe('clocks in the simulator', () => {
  it("gives each node its own skewed clock as ctx.now(), while the runtime keeps true time", async () => {
    const sim = new Simulation({ seed: 1, nodes: 2, clocks: { n1: { offsetMs: 50, driftPpm: 0 }, n2: { offsetMs: -20, driftPpm: 100 } } });
    await sim.sleep(1000);
    expect(sim.now()).toBe(1000);
    expect(sim.clockOf('n1')).toBe(1050);
    expect(sim.clockOf('n2')).toBeCloseTo(1000 - 20 + 0.1, 6);
    await sim.clockFault('n1', { kind: 'bump', deltaMs: -300 });
    expect(sim.clockOf('n1')).toBe(750);
  });

  it('stamps every envelope with Lamport and HLC, and a causal chain has increasing stamps', async () => {
    const sim = new Simulation({ seed: 1, nodes: 3, clocks: { n1: { offsetMs: 80, driftPpm: 0 } }, stamping: { vector: true } });
    const c = await sim.spawn('n3', 'p', StampProbe, undefined);
    const b = await sim.spawn('n2', 'p', StampProbe, undefined);
    await sim.sleep(10);
    const outcome = await sim.ask<Array<{ stamps: ClockStamps; lamport: number; hlc: { l: number; c: number }; vector: Record<string, number> }>>(b, { forward: c });
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    const [atB, atC] = outcome.value;
    if (!atB || !atC) throw new Error('missing hops');
    expect(atC.lamport).toBeGreaterThan(atB.lamport);
    expect(compareHlc(atC.hlc, atB.hlc)).toBe(1);
    expect(atC.vector['n2']).toBeGreaterThanOrEqual(1);
    expect(unpackHlc(packHlc(atC.stamps.hlc as { l: number; c: number })).l).toBeGreaterThanOrEqual(10);
  });

  it("pulls a slow node's HLC up to the fastest clock it hears from, never beyond it", async () => {
    const sim = new Simulation({ seed: 1, nodes: 2, clocks: { n1: { offsetMs: 80, driftPpm: 0 } } });
    const probe = await sim.spawn('n2', 'p', StampProbe, undefined);
    const n1Probe = await sim.spawn('n1', 'p', StampProbe, undefined);
    await sim.sleep(100);
    await sim.ask(n1Probe, { forward: probe });
    const view = await sim.ask<Array<{ hlc: { l: number }; now: number }>>(probe, {});
    if (view.status !== 'ok' || !view.value[0]) throw new Error('no view');
    // n2's own clock reads ~true time; its HLC has learned n1's +80 ms, and no more.
    expect(view.value[0].hlc.l - view.value[0].now).toBeGreaterThan(70);
    expect(view.value[0].hlc.l - view.value[0].now).toBeLessThanOrEqual(80);
  });

  it('refuses a message whose HLC is further ahead than the configured max offset', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2, clocks: { n1: { offsetMs: 500, driftPpm: 0 } }, stamping: { hlcMaxOffsetMs: 100 } });
    const onN2 = await sim.spawn('n2', 'p', StampProbe, undefined);
    const onN1 = await sim.spawn('n1', 'p', StampProbe, undefined);
    const outcome = await sim.ask<unknown[]>(onN1, { forward: onN2 });
    expect(outcome).toMatchObject({ status: 'ok', value: [expect.anything(), null] });
  });
});
