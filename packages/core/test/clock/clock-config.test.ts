import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.ts';
import { clockPresets, worstCaseErrorMs, type ClockConfig } from '../../src/clock/clock-config.ts';
import { ClockConfigError } from '../../src/clock/errors.ts';
import { PhysicalClock } from '../../src/clock/physical-clock.ts';
import { createRng } from '../../src/random/rng.ts';

const valid: ClockConfig = { offsetMs: 0, driftPpm: 0, correction: { intervalMs: 1_000, maxErrorMs: 1 } };
const notFinite = [Number.NaN, Infinity, -Infinity, '5', undefined, null];

/** Each field, a config with it broken, and the value that broke it. */
const badConfig = fc.oneof(
  fc.constantFrom(...notFinite).map((v) => ['offsetMs', { ...valid, offsetMs: v }, v] as const),
  fc.constantFrom(...notFinite, -1_000_000, -2e6).map((v) => ['driftPpm', { ...valid, driftPpm: v }, v] as const),
  fc
    .constantFrom(...notFinite, 0, -5)
    .map((v) => ['correction.intervalMs', { ...valid, correction: { intervalMs: v, maxErrorMs: 1 } }, v] as const),
  fc
    .constantFrom(...notFinite, -0.5)
    .map((v) => ['correction.maxErrorMs', { ...valid, correction: { intervalMs: 1, maxErrorMs: v } }, v] as const),
);

describe('clock config', () => {
  it('is rejected at construction with a ClockConfigError naming the bad field and its value', () => {
    fc.assert(
      fc.property(badConfig, ([field, config, value]) => {
        let caught: unknown;
        try {
          new PhysicalClock(config as unknown as ClockConfig, () => 0);
        } catch (e) {
          caught = e;
        }
        expect(caught).toBeInstanceOf(ClockConfigError);
        expect(caught).toBeInstanceOf(ConfigError); // catchable with every other config error
        expect((caught as ClockConfigError).field).toBe(field);
        expect((caught as Error).message.startsWith(`${field} must be`)).toBe(true);
        expect((caught as Error).message).toContain(`got ${typeof value === 'string' ? `"${value}"` : String(value)}`);
      }),
      { seed: 42, numRuns: 100 },
    );
  });

  it('reads like "driftPpm must be a finite number > -1000000 (ppm), got NaN"', () => {
    expect(() => new PhysicalClock({ offsetMs: 0, driftPpm: Number.NaN })).toThrow(
      /^driftPpm must be a finite number > -1000000 \(ppm\), got NaN$/,
    );
  });

  it('needs a random function when correction is on, to draw the residual error', () => {
    expect(() => new PhysicalClock(valid)).toThrow(/^random must be a \(\) => number in \[0, 1\) when correction is set/);
  });

  it('has presets whose worst-case error matches the reason given for them', () => {
    expect(worstCaseErrorMs(clockPresets.perfect)).toBe(0);
    expect(worstCaseErrorMs(clockPresets.ntpLan)).toBeLessThanOrEqual(1);
    expect(worstCaseErrorMs(clockPresets.ntpWan)).toBeGreaterThan(40);
    expect(worstCaseErrorMs(clockPresets.ntpWan)).toBeLessThanOrEqual(51);
    expect(worstCaseErrorMs(clockPresets.unsynced)).toBe(Infinity);
    expect(worstCaseErrorMs({ offsetMs: -7, driftPpm: 0 })).toBe(7);
  });

  it('keeps an ntpLan clock within ±1 ms for a simulated day, and an unsynced one drifts 4.32 s', () => {
    const rng = createRng(42);
    const lan = new PhysicalClock(clockPresets.ntpLan, () => rng.next());
    const unsynced = new PhysicalClock(clockPresets.unsynced);
    let worst = 0;
    for (let t = 0; t <= 86_400_000; t += 7_919) worst = Math.max(worst, Math.abs(lan.read(t) - t));
    expect(worst).toBeLessThanOrEqual(1);
    expect(worst).toBeGreaterThan(0.5);
    expect(unsynced.read(86_400_000) - 86_400_000).toBeCloseTo(4_320, 6);
  });
});
