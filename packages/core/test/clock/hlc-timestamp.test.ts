import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockValueError } from '../../src/clock/errors.ts';
import { HLC_MAX_C, HLC_MAX_L, compareHlc, packHlc, unpackHlc, type HlcTimestamp } from '../../src/clock/hlc-timestamp.ts';

const lArb = fc.oneof(fc.integer({ min: 0, max: HLC_MAX_L }), fc.constantFrom(0, 1, HLC_MAX_L - 1, HLC_MAX_L));
const cArb = fc.oneof(fc.integer({ min: 0, max: HLC_MAX_C }), fc.constantFrom(0, 1, HLC_MAX_C));
const tsArb: fc.Arbitrary<HlcTimestamp> = fc.record({ l: lArb, c: cArb });
const sign = (x: bigint): -1 | 0 | 1 => (x < 0n ? -1 : x > 0n ? 1 : 0);

// Kulkarni et al. 2014, §3: HLC timestamps compare lexicographically on (l, c) and fit in 64 bits.
describe('HLC timestamps', () => {
  it('compare by l first, then by c', () => {
    expect(compareHlc({ l: 5, c: 9 }, { l: 6, c: 0 })).toBe(-1);
    expect(compareHlc({ l: 6, c: 1 }, { l: 6, c: 0 })).toBe(1);
    expect(compareHlc({ l: 6, c: 1 }, { l: 6, c: 1 })).toBe(0);
  });

  it('pack l into the high 48 bits and c into the low 16', () => {
    expect(packHlc({ l: 1, c: 0 })).toBe(65536n);
    expect(packHlc({ l: 0, c: 7 })).toBe(7n);
    expect(packHlc({ l: HLC_MAX_L, c: HLC_MAX_C })).toBe((1n << 64n) - 1n);
  });

  it('preserve order when packed, and unpack to the same timestamp', () => {
    fc.assert(
      fc.property(tsArb, tsArb, (a, b) => {
        expect(sign(packHlc(a) - packHlc(b))).toBe(compareHlc(a, b));
        expect(unpackHlc(packHlc(a))).toEqual(a);
      }),
      { seed: 42, numRuns: 1000 },
    );
  });

  it('refuse to pack an l or c that does not fit, naming which', () => {
    expect(() => packHlc({ l: HLC_MAX_L + 1, c: 0 })).toThrow(/HLC l must be an integer in \[0, 2\^48\), got 281474976710656/);
    expect(() => packHlc({ l: -1, c: 0 })).toThrow(ClockValueError);
    expect(() => packHlc({ l: 1.5, c: 0 })).toThrow(/HLC l/);
    expect(() => packHlc({ l: 0, c: HLC_MAX_C + 1 })).toThrow(/HLC c must be an integer in \[0, 65535\], got 65536/);
  });

  it('refuse to unpack a value outside 64 unsigned bits', () => {
    expect(() => unpackHlc(-1n)).toThrow(/got -1n/);
    expect(() => unpackHlc(1n << 64n)).toThrow(ClockValueError);
  });
});
