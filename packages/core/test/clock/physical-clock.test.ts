import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { worstCaseErrorMs, type ClockConfig } from '../../src/clock/clock-config.ts';
import { ClockConfigError, ClockValueError } from '../../src/clock/errors.ts';
import { PhysicalClock } from '../../src/clock/physical-clock.ts';
import { createRng } from '../../src/random/rng.ts';

const errorAt = (clock: PhysicalClock, t: number): number => clock.read(t) - t;

describe('PhysicalClock without faults', () => {
  it('reads true time plus its offset', () => {
    const clock = new PhysicalClock({ offsetMs: -30, driftPpm: 0 });
    expect(clock.read(0)).toBe(-30);
    expect(clock.read(5_000)).toBe(4_970);
  });

  it('gains 0.1 ms in 1 s of true time at +100 ppm, and loses it at −100 ppm', () => {
    expect(errorAt(new PhysicalClock({ offsetMs: 0, driftPpm: 100 }), 1_000)).toBeCloseTo(0.1, 9);
    expect(errorAt(new PhysicalClock({ offsetMs: 0, driftPpm: -100 }), 1_000)).toBeCloseTo(-0.1, 9);
  });

  it('reads t + offset + t·ppm/1e6 at any true time', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1e4, max: 1e4, noNaN: true }),
        fc.integer({ min: -999_999, max: 1e5 }),
        fc.integer({ min: 0, max: 1e10 }),
        (offsetMs, driftPpm, t) => {
          const expected = t + offsetMs + (t * driftPpm) / 1e6;
          expect(new PhysicalClock({ offsetMs, driftPpm }).read(t)).toBeCloseTo(expected, 3);
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });

  it('refuses true time that goes backwards or is not finite', () => {
    const clock = new PhysicalClock({ offsetMs: 0, driftPpm: 0 });
    clock.read(10);
    expect(() => clock.read(5)).toThrow(/read: true time went backwards \(5 ms after 10 ms\)/);
    expect(() => clock.bump(1, 9)).toThrow(ClockValueError);
    expect(() => clock.read(Number.NaN)).toThrow(/true time must be a finite number of ms, got NaN/);
  });
});

describe('PhysicalClock faults', () => {
  it('jumps by deltaMs on bump; read then goes backwards after a negative bump, readMonotonic stalls instead', () => {
    const clock = new PhysicalClock({ offsetMs: 0, driftPpm: 0 });
    expect(clock.readMonotonic(1_000)).toBe(1_000);
    clock.bump(-300, 1_000);
    expect(clock.read(1_000)).toBe(700); // went back 300 ms
    expect(clock.readMonotonic(1_100)).toBe(1_000); // stalls at the highest reading so far
    expect(clock.readMonotonic(1_400)).toBe(1_100);
    clock.bump(50, 1_400);
    expect(clock.read(1_500)).toBe(1_250);
  });

  it('reads true time + offset from the instant setOffset is called, drift continuing from there', () => {
    const clock = new PhysicalClock({ offsetMs: 0, driftPpm: 1_000 });
    clock.setOffset(20, 10_000);
    expect(clock.read(10_000)).toBeCloseTo(10_020, 9);
    expect(clock.read(11_000)).toBeCloseTo(11_021, 9); // +1 ms per true second at 1000 ppm
  });

  it('changes rate without a jump on setDrift', () => {
    const clock = new PhysicalClock({ offsetMs: 0, driftPpm: 100 });
    clock.setDrift(-500, 10_000);
    expect(errorAt(clock, 10_000)).toBeCloseTo(1, 9); // 100 ppm over 10 s, no jump
    expect(errorAt(clock, 12_000)).toBeCloseTo(0, 9); // then −0.5 ms per true second
    expect(() => clock.setDrift(Number.NaN, 12_000)).toThrow(/^driftPpm must be/);
  });

  it('strobes: +amplitude for one period, normal for the next, …, until untilTrueMs', () => {
    const clock = new PhysicalClock({ offsetMs: 0, driftPpm: 0 });
    expect(errorAt(clock, 99)).toBe(0);
    clock.strobe({ periodMs: 10, amplitudeMs: 200, untilTrueMs: 140 }, 100);
    const errors = [100, 109, 110, 119, 120, 129, 130, 139, 140, 150].map((t) => errorAt(clock, t));
    expect(errors).toEqual([200, 200, 0, 0, 200, 200, 0, 0, 0, 0]); // at 140 it would be "on" again, but has stopped
    expect(() => clock.strobe({ periodMs: 0, amplitudeMs: 1, untilTrueMs: 300 }, 200)).toThrow(/^strobe.periodMs must be/);
  });

  it('forgets every fault on reset, reading what an untouched twin reads', () => {
    const fault = fc.oneof(
      fc.record({ kind: fc.constant('bump' as const), v: fc.integer({ min: -500, max: 500 }) }),
      fc.record({ kind: fc.constant('offset' as const), v: fc.integer({ min: -500, max: 500 }) }),
      fc.record({ kind: fc.constant('drift' as const), v: fc.integer({ min: -1_000, max: 1_000 }) }),
      fc.record({ kind: fc.constant('strobe' as const), v: fc.integer({ min: -500, max: 500 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fault, fc.integer({ min: 0, max: 700 }))), fc.nat(), (faults, seed) => {
        const config: ClockConfig = { offsetMs: 5, driftPpm: 40, correction: { intervalMs: 1_000, maxErrorMs: 3 } };
        const [r1, r2] = [createRng(seed), createRng(seed)];
        const faulty = new PhysicalClock(config, () => r1.next());
        const twin = new PhysicalClock(config, () => r2.next());
        let t = 0;
        for (const [f, dt] of faults) {
          t += dt;
          if (f.kind === 'bump') faulty.bump(f.v, t);
          if (f.kind === 'offset') faulty.setOffset(f.v, t);
          if (f.kind === 'drift') faulty.setDrift(f.v, t);
          if (f.kind === 'strobe') faulty.strobe({ periodMs: 7, amplitudeMs: f.v, untilTrueMs: t + 5_000 }, t);
        }
        faulty.reset();
        for (const later of [t, t + 1, t + 2_500, t + 9_999]) expect(faulty.read(later)).toBeCloseTo(twin.read(later), 9);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});

describe('PhysicalClock NTP-like correction', () => {
  const correctedArb = fc.record({
    offsetMs: fc.integer({ min: -5_000, max: 5_000 }),
    driftPpm: fc.integer({ min: -1_000, max: 1_000 }),
    correction: fc.record({ intervalMs: fc.integer({ min: 1, max: 10_000 }), maxErrorMs: fc.integer({ min: 0, max: 100 }) }),
  });

  it('keeps |error| ≤ maxErrorMs right after each correction, and ≤ worstCaseErrorMs at all times', () => {
    fc.assert(
      fc.property(correctedArb, fc.nat(), fc.array(fc.integer({ min: 0, max: 3_000 }), { maxLength: 50 }), (config, seed, steps) => {
        const rng = createRng(seed);
        const clock = new PhysicalClock(config, () => rng.next());
        const { intervalMs, maxErrorMs } = config.correction;
        for (let k = 1; k <= 20; k++) expect(Math.abs(errorAt(clock, k * intervalMs))).toBeLessThanOrEqual(maxErrorMs + 1e-9);
        let t = 20 * intervalMs;
        for (const dt of steps) {
          t += dt;
          expect(Math.abs(errorAt(clock, t))).toBeLessThanOrEqual(worstCaseErrorMs(config) + 1e-9);
        }
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('pulls an injected bump back at the next correction instant, but keeps a drift change', () => {
    const clock = new PhysicalClock({ offsetMs: 0, driftPpm: 0, correction: { intervalMs: 1_000, maxErrorMs: 0 } }, () => 0.5);
    clock.bump(400, 100);
    expect(errorAt(clock, 999)).toBe(400);
    expect(errorAt(clock, 1_000)).toBe(0);
    clock.setDrift(1_000, 1_000);
    expect(errorAt(clock, 1_999)).toBeCloseTo(0.999, 9);
    expect(errorAt(clock, 2_500)).toBeCloseTo(0.5, 9); // corrected at 2000, then drifting again
  });

  it('reads the same at a given true time however often it was read before (one random draw per correction instant)', () => {
    fc.assert(
      fc.property(correctedArb, fc.nat(), fc.array(fc.nat(50_000), { minLength: 1, maxLength: 30 }), (config, seed, times) => {
        const sorted = [...times].sort((a, b) => a - b);
        const [r1, r2] = [createRng(seed), createRng(seed)];
        const dense = new PhysicalClock(config, () => r1.next());
        const sparse = new PhysicalClock(config, () => r2.next());
        const denseReadings = sorted.map((t) => dense.read(t));
        expect(sparse.read(sorted.at(-1)!)).toBe(denseReadings.at(-1));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('refuses a random function that leaves [0, 1)', () => {
    const clock = new PhysicalClock({ offsetMs: 0, driftPpm: 0, correction: { intervalMs: 10, maxErrorMs: 1 } }, () => 1);
    expect(() => clock.read(10)).toThrow(/random\(\) must return a number in \[0, 1\), got 1/);
    expect(() => new PhysicalClock({ offsetMs: 0, driftPpm: 0 }).bump(Number.NaN, 0)).toThrow(ClockConfigError);
  });
});
