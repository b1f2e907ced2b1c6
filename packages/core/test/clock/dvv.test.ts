import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dvvEmpty, dvvJoin, dvvSync, dvvUpdate, dvvValues, type DvvSet } from '../../src/clock/dvv.ts';
import { emptyVectorClock, vcCompare, type VectorClock } from '../../src/clock/vector-clock.ts';
import { refJoin, refSync, refUpdate, type RefStore } from './dvv-reference.ts';

const none = dvvEmpty<string>();
const sortedValues = <V>(d: DvvSet<V>): V[] => [...dvvValues(d)].sort();

// Almeida, Baquero, Gonçalves, Preguiça, Fonte 2014, "Scalable and Accurate Causality Tracking for
// Eventually Consistent Stores" (DVVSet), §5.
describe('dotted version vector sets', () => {
  it('keep two blind writes as concurrent siblings', () => {
    const one = dvvUpdate(none, emptyVectorClock, 'A', 'x');
    const two = dvvUpdate(one, emptyVectorClock, 'A', 'y');
    expect(sortedValues(two)).toEqual(['x', 'y']);
    expect(dvvJoin(two)).toEqual({ A: 2 });
  });

  it('drop exactly the siblings the writer had read', () => {
    const s = dvvUpdate(dvvUpdate(none, {}, 'A', 'x'), {}, 'A', 'y'); // siblings x, y
    const context = dvvJoin(s);
    const concurrent = dvvUpdate(s, {}, 'A', 'z'); // a third blind write, not in the reader's context
    const resolved = dvvUpdate(concurrent, context, 'A', 'x+y');
    expect(sortedValues(resolved)).toEqual(['x+y', 'z']);
  });

  it('sync keeps concurrent siblings from both replicas and drops superseded ones', () => {
    const a = dvvUpdate(none, {}, 'A', 'a1');
    const b = dvvUpdate(none, {}, 'B', 'b1');
    const both = dvvSync(a, b);
    expect(sortedValues(both)).toEqual(['a1', 'b1']);
    const merged = dvvUpdate(both, dvvJoin(both), 'A', 'a1+b1'); // a reader merged them
    expect(sortedValues(dvvSync(b, merged))).toEqual(['a1+b1']);
    expect(sortedValues(dvvSync(merged, b))).toEqual(['a1+b1']);
  });

  it('learn a context from another replica without a value for it', () => {
    const b = dvvUpdate(none, {}, 'B', 'b1');
    const a = dvvUpdate(none, dvvJoin(b), 'A', 'a1'); // the client read b1 at B, wrote at A
    expect(dvvJoin(a)).toEqual({ A: 1, B: 1 });
    expect(sortedValues(dvvSync(a, b))).toEqual(['a1']);
  });

  it('keep the same values and join as one vector clock per sibling, on random writes, reads and syncs', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), at: fc.nat(), ctx: fc.nat() }),
      fc.record({ kind: fc.constant('read' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('sync' as const), at: fc.nat(), from: fc.nat() }),
    );
    let mostSiblings = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(op, { maxLength: 60 }), (replicas, ops) => {
        const dvv: Array<DvvSet<number>> = Array.from({ length: replicas }, () => dvvEmpty<number>());
        const ref: RefStore[] = Array.from({ length: replicas }, () => []);
        const reads: VectorClock[] = [emptyVectorClock]; // contexts clients got from earlier reads
        let next = 0;
        for (const o of ops) {
          const r = o.at % replicas;
          if (o.kind === 'write') {
            const ctx = reads[o.ctx % reads.length] as VectorClock;
            dvv[r] = dvvUpdate(dvv[r]!, ctx, `r${r}`, next);
            ref[r] = refUpdate(ref[r]!, ctx, `r${r}`, next++);
          } else if (o.kind === 'read') {
            reads.push(dvvJoin(dvv[r]!));
          } else {
            const from = o.from % replicas;
            dvv[r] = dvvSync(dvv[r]!, dvv[from]!);
            ref[r] = refSync(ref[r]!, ref[from]!);
          }
          expect(sortedValues(dvv[r]!)).toEqual(ref[r]!.map((s) => s.value).sort());
          expect(vcCompare(dvvJoin(dvv[r]!), refJoin(ref[r]!))).toBe('equal');
          expect(dvv[r]!.entries.length).toBeLessThanOrEqual(replicas); // one entry per writer, not per sibling
          mostSiblings = Math.max(mostSiblings, dvvValues(dvv[r]!).length);
        }
        for (const a of dvv) {
          for (const b of dvv) {
            expect(sortedValues(dvvSync(a, b))).toEqual(sortedValues(dvvSync(b, a)));
            expect(dvvJoin(dvvSync(a, b))).toEqual(dvvJoin(dvvSync(b, a)));
          }
          expect(dvvSync(a, a)).toEqual(a);
        }
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(mostSiblings).toBeGreaterThan(2); // concurrency really happened
  });

  it('refuse a writer id that is not a non-empty string', () => {
    expect(() => dvvUpdate(none, {}, '', 'x')).toThrow(/^writer must be a non-empty string, got ""$/);
  });
});
