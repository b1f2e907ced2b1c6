import { describe, expect, it } from 'vitest';
import { dist } from '@faultline/core';
import { fault, select } from '@faultline/transport';
import { rig } from './fixtures/sim.ts';

async function sinkCount(r: Awaited<ReturnType<typeof rig>>): Promise<number> {
  const outcome = await r.sim.ask<number>(r.sink, 'count', { timeoutMs: 1000 });
  if (outcome.status !== 'ok') throw new Error('sink did not answer');
  return outcome.value;
}

describe('link faults in the simulator (fixed seeds, stated tolerances)', () => {
  it('drops 30% of 20,000 messages on a link: the delivered fraction is 0.70 ± 0.02', async () => {
    const r = await rig(11);
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.drop(0.3) });
    await r.blast(20_000);
    const delivered = await sinkCount(r);
    expect(Math.abs(delivered / 20_000 - 0.7)).toBeLessThan(0.02);
    const link = r.net.counters.snapshot().links['n1->n2'];
    expect(link?.sent).toBe(20_000);
    expect(link?.dropped).toBe(20_000 - delivered);
    expect(link?.dropReasons).toEqual({ drop: 20_000 - delivered });
    expect(r.sim.stats.dropped).toBe(20_000 - delivered);
  });

  it('duplicates 20% of 10,000 messages with two extra copies: arrivals are 1.4 × sent ± 0.02', async () => {
    const r = await rig(12);
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.duplicate(0.2, 2) });
    await r.blast(10_000);
    const arrived = await sinkCount(r);
    expect(Math.abs(arrived / 10_000 - 1.4)).toBeLessThan(0.02);
    expect(r.net.counters.total.duplicated).toBe(arrived - 10_000);
  });

  it('keeps each link in order by default, and a reorder rule makes later messages overtake earlier ones', async () => {
    const ordered = await rig(13);
    await ordered.blast(2_000);
    const inOrder = await ordered.arrivals();
    expect(inOrder.map((a) => a.seq)).toEqual(Array.from({ length: 2_000 }, (_, i) => i));

    const r = await rig(13);
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.reorder(0.25, dist.constant(5)) });
    await r.blast(2_000);
    const seqs = (await r.arrivals()).map((a) => a.seq);
    expect(seqs).toHaveLength(2_000);
    expect(new Set(seqs).size).toBe(2_000);
    const overtaken = seqs.filter((s, i) => i > 0 && s < (seqs[i - 1] as number)).length;
    // All 2,000 leave at the same instant; ~25% are held 5 ms and land after all the others.
    expect(overtaken).toBeGreaterThan(0);
    expect(Math.abs(r.net.counters.total.reordered / 2_000 - 0.25)).toBeLessThan(0.03);
    const held = new Set(seqs.slice(-r.net.counters.total.reordered));
    expect(seqs.slice(0, 2_000 - held.size).every((s, i, a) => i === 0 || s > (a[i - 1] as number))).toBe(true);
  });

  it('adds a delay rule to the base latency: constant 20 ms on n1->n2 makes every arrival 21 ms after the send', async () => {
    const r = await rig(14, { baseLatency: dist.constant(1) });
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.delay(dist.constant(20)) });
    await r.blast(100);
    const sends = r.trace.filter((e) => e.ev === 'send' && e.to === 'n2' && e.kind === 'tell' && e.from === 'n1');
    const delivers = r.trace.filter((e) => e.ev === 'deliver' && e.to === 'n2' && e.from === 'n1');
    expect(delivers).toHaveLength(100);
    const sentAt = sends[0]?.t ?? NaN;
    expect(delivers.every((e) => e.t === sentAt + 21)).toBe(true);
    expect(r.net.counters.total.delayed).toBe(100);
  });

  it('caps bandwidth: deliveries are spaced by size/rate, and frames beyond the queue limit are dropped', async () => {
    const rate = 10_000; // bytes per second
    const r = await rig(15, { baseLatency: dist.constant(1) });
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.bandwidth(rate, 9) });
    await r.blast(50, 5_000, 200);
    const delivers = r.trace.filter((e) => e.ev === 'deliver' && e.from === 'n1' && e.to === 'n2');
    // One frame on the wire plus nine waiting: ten get through, forty are dropped as queue-full.
    expect(delivers).toHaveLength(10);
    expect(r.net.counters.total.dropReasons).toEqual({ 'queue-full': 40 });
    expect(r.net.counters.total.held).toBe(9);
    for (let i = 1; i < delivers.length; i++) {
      const gap = (delivers[i]?.t ?? 0) - (delivers[i - 1]?.t ?? 0);
      expect(gap).toBeCloseTo(((delivers[i]?.bytes ?? 0) * 1000) / rate, 6);
    }
    // Once the queue drains, the link carries traffic again.
    await r.blast(1, 1_000, 200);
    expect(r.trace.filter((e) => e.ev === 'deliver' && e.from === 'n1' && e.to === 'n2')).toHaveLength(11);
  });

  it('corrupts frames: the receiver reports malformed frames, counts them, and keeps answering', async () => {
    const r = await rig(16);
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.corrupt(0.1, 1, 'header') });
    await r.blast(1_000);
    const malformed = r.nodeEvents.filter((e) => e.type === 'malformed-frame');
    expect(malformed.length).toBe(r.net.counters.total.corrupted);
    expect(Math.abs(malformed.length / 1_000 - 0.1)).toBeLessThan(0.03);
    expect(r.sim.stats.malformed).toBe(malformed.length);
    expect(await sinkCount(r)).toBe(1_000 - malformed.length);
  });

  it('corrupts anywhere in the frame: some corruptions are caught, none stop the node', async () => {
    const r = await rig(17);
    r.net.install({ target: select.link('n1', 'n2'), fault: fault.corrupt(0.2, 3) });
    await r.blast(2_000);
    const corrupted = r.net.counters.total.corrupted;
    expect(corrupted).toBeGreaterThan(300);
    expect(r.sim.stats.malformed).toBeGreaterThan(0);
    expect(r.sim.stats.malformed).toBeLessThanOrEqual(corrupted);
    expect(r.sim.isUp('n2')).toBe(true);
    expect((await r.sim.ask(r.sink, 'count', { timeoutMs: 1000 })).status).toBe('ok');
  });
});
