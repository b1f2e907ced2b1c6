import { describe, expect, it } from 'vitest';
import { ClockConfigError, ClockValueError, HlcClockSkewError, HlcCounterOverflowError } from '../../src/clock/errors.ts';
import { compareHlc } from '../../src/clock/hlc-timestamp.ts';
import { HybridLogicalClock } from '../../src/clock/hlc.ts';
import { PhysicalClock } from '../../src/clock/physical-clock.ts';

/** An HLC whose physical time is whatever `pt.now` is set to. */
function hlcAt(start: number, maxOffsetMs = 1_000): { hlc: HybridLogicalClock; pt: { now: number } } {
  const pt = { now: start };
  return { hlc: new HybridLogicalClock(() => pt.now, { maxOffsetMs }), pt };
}

// Kulkarni, Demirbas et al. 2014, "Logical Physical Clocks and Consistent Snapshots in Globally
// Distributed Databases", HLC algorithm (Fig. 5). Each case below is one branch of it.
describe('HybridLogicalClock, send or local event rule', () => {
  it('follows physical time with c = 0 when pt has moved past l', () => {
    const { hlc, pt } = hlcAt(100.7);
    expect(hlc.tick()).toEqual({ l: 100, c: 0 }); // pt floored to whole ms
    pt.now = 105;
    expect(hlc.tick()).toEqual({ l: 105, c: 0 });
  });

  it('keeps l and counts up c while pt stays at or behind l', () => {
    const { hlc, pt } = hlcAt(100);
    hlc.tick();
    expect(hlc.tick()).toEqual({ l: 100, c: 1 });
    pt.now = 90; // the node's clock was stepped back
    expect(hlc.tick()).toEqual({ l: 100, c: 2 });
    expect(hlc.last).toEqual({ l: 100, c: 2 });
  });
});

describe('HybridLogicalClock, receive rule', () => {
  it('takes max(c, c.m) + 1 when local l and remote l are equal and ahead of pt', () => {
    const { hlc } = hlcAt(100);
    hlc.tick();
    hlc.tick(); // {100, 1}
    expect(hlc.receive({ l: 100, c: 5 })).toEqual({ l: 100, c: 6 });
  });

  it('takes c + 1 when local l is ahead of both remote l and pt', () => {
    const { hlc, pt } = hlcAt(200);
    hlc.tick(); // {200, 0}
    pt.now = 150;
    expect(hlc.receive({ l: 180, c: 9 })).toEqual({ l: 200, c: 1 });
  });

  it('takes c.m + 1 when the remote l is ahead of local l and pt', () => {
    const { hlc } = hlcAt(100);
    expect(hlc.receive({ l: 130, c: 4 })).toEqual({ l: 130, c: 5 });
  });

  it('resets c to 0 when pt is ahead of both', () => {
    const { hlc } = hlcAt(500);
    expect(hlc.receive({ l: 300, c: 4 })).toEqual({ l: 500, c: 0 });
  });
});

describe('HybridLogicalClock guarantees and limits', () => {
  it('issues strictly increasing timestamps on one node while its physical clock jumps back', () => {
    const { hlc, pt } = hlcAt(1_000);
    const seen = [hlc.tick()];
    for (const now of [1_000, 400, 1_001, 0, 999, 2_000]) {
      pt.now = now;
      seen.push(hlc.tick());
    }
    for (let i = 1; i < seen.length; i++) expect(compareHlc(seen[i - 1]!, seen[i]!)).toBe(-1);
  });

  it('rejects a timestamp more than maxOffsetMs ahead of local physical time, saying by how much', () => {
    const { hlc } = hlcAt(1_000, 100);
    hlc.tick();
    const error = (() => {
      try {
        hlc.receive({ l: 1_250, c: 0 });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(HlcClockSkewError);
    expect((error as HlcClockSkewError).aheadByMs).toBe(250);
    expect((error as Error).message).toMatch(/l=1250 is 250 ms ahead of local physical time 1000 ms, beyond maxOffsetMs=100/);
    expect(hlc.last).toEqual({ l: 1_000, c: 0 }); // unchanged
    expect(hlc.receive({ l: 1_100, c: 0 })).toEqual({ l: 1_100, c: 1 }); // exactly at the limit is accepted
  });

  it('throws HlcCounterOverflowError rather than let c pass 16 bits, and stays usable', () => {
    const { hlc, pt } = hlcAt(5);
    for (let i = 0; i <= 0xffff; i++) hlc.tick();
    expect(hlc.last).toEqual({ l: 5, c: 0xffff });
    expect(() => hlc.tick()).toThrow(HlcCounterOverflowError);
    expect(() => hlc.receive({ l: 5, c: 3 })).toThrow(/HLC counter would exceed 65535 at l=5/);
    expect(hlc.last).toEqual({ l: 5, c: 0xffff });
    pt.now = 6;
    expect(hlc.tick()).toEqual({ l: 6, c: 0 });
  });

  it('rejects a bad config or physical reading, naming the field or value', () => {
    expect(() => new HybridLogicalClock(() => 0, { maxOffsetMs: Number.NaN })).toThrow(
      /^maxOffsetMs must be a number >= 0 \(Infinity disables the check\), got NaN$/,
    );
    expect(() => new HybridLogicalClock(() => 0, { maxOffsetMs: -1 })).toThrow(ClockConfigError);
    expect(() => new HybridLogicalClock(undefined as unknown as () => number, { maxOffsetMs: 1 })).toThrow(/physicalNow/);
    const { hlc, pt } = hlcAt(0);
    pt.now = Number.NaN;
    expect(() => hlc.tick()).toThrow(ClockValueError);
    expect(() => hlc.tick()).toThrow(/HLC physical time must be a finite number of ms below 2\^48, got NaN/);
    pt.now = 1;
    expect(() => hlc.receive({ l: -1, c: 0 })).toThrow(/HLC l must be an integer/);
  });

  it('lets l − pt exceed maxOffsetMs by the size of a backward step of its own physical clock (a documented limit)', () => {
    const { hlc, pt } = hlcAt(1_000, 50);
    hlc.tick();
    pt.now = 900; // e.g. an NTP correction stepped this node's clock back 100 ms
    expect(hlc.tick()).toEqual({ l: 1_000, c: 1 }); // l − pt = 100 > maxOffsetMs, yet nothing was received
  });

  it('keeps l at 0 while physical time is negative (a slow clock just after true time 0)', () => {
    const { hlc } = hlcAt(-40);
    expect(hlc.tick()).toEqual({ l: 0, c: 1 });
  });

  it('keeps a causally later write later when its writer\'s clock is behind, where wall-clock last-writer-wins loses it', () => {
    // Node A's clock runs 100 ms ahead of B's. A writes, tells B; B then overwrites. (The motivating
    // lost update: ordering by wall time discards B's causally newer write.)
    const a = new PhysicalClock({ offsetMs: 100, driftPpm: 0 });
    const b = new PhysicalClock({ offsetMs: 0, driftPpm: 0 });
    let trueNow = 1_000;
    const hlcA = new HybridLogicalClock(() => a.read(trueNow), { maxOffsetMs: 500 });
    const hlcB = new HybridLogicalClock(() => b.read(trueNow), { maxOffsetMs: 500 });
    const wallA = a.read(trueNow);
    const stampA = hlcA.tick();
    trueNow = 1_010;
    hlcB.receive(stampA);
    trueNow = 1_020;
    const wallB = b.read(trueNow);
    const stampB = hlcB.tick();
    expect(wallB).toBeLessThan(wallA); // wall-clock LWW would keep A's older value
    expect(compareHlc(stampA, stampB)).toBe(-1); // HLC LWW keeps B's
  });
});
