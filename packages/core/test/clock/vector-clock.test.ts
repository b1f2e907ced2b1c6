import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockValueError } from '../../src/clock/errors.ts';
import {
  emptyVectorClock,
  vcCompare,
  vcDecode,
  vcEncode,
  vcGet,
  vcHappenedBefore,
  vcIncrement,
  vcMerge,
  type EncodedVectorClock,
  type VectorClock,
} from '../../src/clock/vector-clock.ts';
import { executionArb, happenedBefore, pairs, stampAll } from './execution-model.ts';

const ids = fc.constantFrom('a', 'b', 'c', 'd', '__proto__', 'constructor');
const vcArb: fc.Arbitrary<VectorClock> = fc
  .array(fc.tuple(ids, fc.integer({ min: 0, max: 5 })), { maxLength: 6 })
  .map((entries) => Object.freeze(Object.fromEntries(entries)));

// Fidge 1988, "Timestamps in Message-Passing Systems That Preserve the Partial Ordering";
// Mattern 1989, "Virtual Time and Global States of Distributed Systems".
describe('vector clocks', () => {
  it('counts a missing id as zero, even an id like "__proto__"', () => {
    expect(vcGet(emptyVectorClock, 'a')).toBe(0);
    expect(vcGet(emptyVectorClock, '__proto__')).toBe(0);
    expect(vcGet(vcIncrement(emptyVectorClock, '__proto__'), '__proto__')).toBe(1);
    expect(vcCompare({ a: 0 }, {})).toBe('equal');
  });

  it('increments and merges without touching their inputs', () => {
    const a = vcIncrement(emptyVectorClock, 'a');
    const ab = vcIncrement(a, 'b');
    expect(a).toEqual({ a: 1 });
    expect(ab).toEqual({ a: 1, b: 1 });
    expect(vcMerge({ a: 3, b: 1 }, { b: 2, c: 1 })).toEqual({ a: 3, b: 2, c: 1 });
    expect(Object.isFrozen(ab)).toBe(true);
  });

  it('compares as before, after, equal or concurrent', () => {
    expect(vcCompare({ a: 1 }, { a: 2 })).toBe('before');
    expect(vcCompare({ a: 2, b: 1 }, { a: 2 })).toBe('after');
    expect(vcCompare({ a: 2 }, { a: 2 })).toBe('equal');
    expect(vcCompare({ a: 1 }, { b: 1 })).toBe('concurrent');
    expect(vcHappenedBefore({ a: 1 }, { a: 1, b: 1 })).toBe(true);
    expect(vcHappenedBefore({ a: 1 }, { a: 1 })).toBe(false);
  });

  it('merges commutatively, associatively and idempotently (a join semilattice)', () => {
    fc.assert(
      fc.property(vcArb, vcArb, vcArb, (a, b, c) => {
        expect(vcCompare(vcMerge(a, b), vcMerge(b, a))).toBe('equal');
        expect(vcCompare(vcMerge(vcMerge(a, b), c), vcMerge(a, vcMerge(b, c)))).toBe('equal');
        expect(vcCompare(vcMerge(a, a), a)).toBe('equal');
        expect(['after', 'equal']).toContain(vcCompare(vcMerge(a, b), a));
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('gives a → b ⇔ V(a) < V(b), and reports every other pair as concurrent (strong clock condition)', () => {
    fc.assert(
      fc.property(executionArb(), (exec) => {
        const clocks: VectorClock[] = Array.from({ length: exec.processes }, () => emptyVectorClock);
        const step = (p: number, vc: VectorClock): VectorClock => (clocks[p] = vcIncrement(vc, `p${p}`));
        const stamps = stampAll<VectorClock>(exec, {
          local: (p) => step(p, clocks[p] as VectorClock),
          send: (p) => step(p, clocks[p] as VectorClock),
          receive: (p, remote) => step(p, vcMerge(clocks[p] as VectorClock, remote)),
        });
        const hb = happenedBefore(exec);
        for (const [a, b] of pairs(stamps.length)) {
          const expected = hb(a, b) ? 'before' : hb(b, a) ? 'after' : 'concurrent';
          if (vcCompare(stamps[a] as VectorClock, stamps[b] as VectorClock) !== expected) return false;
          if (vcHappenedBefore(stamps[a] as VectorClock, stamps[b] as VectorClock) !== hb(a, b)) return false;
        }
        return true;
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('encodes canonically (sorted, no zeros) and decodes back to an equal clock', () => {
    fc.assert(
      fc.property(vcArb, (vc) => {
        const encoded = vcEncode(vc);
        const decoded = vcDecode(JSON.parse(JSON.stringify(encoded)) as EncodedVectorClock);
        expect(vcCompare(decoded, vc)).toBe('equal');
        expect(vcEncode(decoded)).toEqual(encoded);
        expect(encoded.every(([, n]) => n > 0)).toBe(true);
        expect(encoded.map(([id]) => id)).toEqual(encoded.map(([id]) => id).sort());
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(vcEncode({ b: 2, a: 1, c: 0 })).toEqual([['a', 1], ['b', 2]]);
  });

  it('refuses to decode a non-canonical or malformed encoding, saying what is wrong', () => {
    const bad: Array<[unknown, RegExp]> = [
      [{ a: 1 }, /must be an array/],
      [[['a']], /entry 0 must be an \[id, counter\] pair/],
      [[['a', 0]], /counter of "a" must be a positive safe integer, got 0/],
      [[['a', 1.5]], /got 1.5/],
      [[['b', 1], ['a', 1]], /strictly increasing, got "a" after "b"/],
      [[['a', 1], ['a', 2]], /strictly increasing/],
    ];
    for (const [input, message] of bad) {
      expect(() => vcDecode(input as EncodedVectorClock)).toThrow(ClockValueError);
      expect(() => vcDecode(input as EncodedVectorClock)).toThrow(message);
    }
  });
});
