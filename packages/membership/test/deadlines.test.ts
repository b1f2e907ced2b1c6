import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NodeId } from '@faultline/core';
import { Deadlines, type Deadline } from '../src/deadlines.ts';

/**
 * The deadlines as they were before issue 27: one map of key strings, scanned on every `next` and
 * `popDue` (ties in the map's insertion order). Deliberately simple; the slotted, cached version
 * must answer exactly as it does, or a run's ticks (and its trace) would change.
 */
class ReferenceDeadlines {
  private readonly pending = new Map<string, { deadline: Deadline; at: number }>();
  set(d: Deadline, at: number): void { this.pending.set(keyOf(d), { deadline: d, at }); }
  clear(d: Deadline): void { this.pending.delete(keyOf(d)); }
  at(d: Deadline): number | undefined { return this.pending.get(keyOf(d))?.at; }
  next(): number | undefined {
    let min: number | undefined;
    for (const { at } of this.pending.values()) if (min === undefined || at < min) min = at;
    return min;
  }
  popDue(now: number): { deadline: Deadline; at: number } | undefined {
    let best: { key: string; deadline: Deadline; at: number } | undefined;
    for (const [key, e] of this.pending) if (e.at <= now && (best === undefined || e.at < best.at)) best = { key, ...e };
    if (best) this.pending.delete(best.key);
    return best && { deadline: best.deadline, at: best.at };
  }
  clearAll(): void { this.pending.clear(); }
  get size(): number { return this.pending.size; }
}

function keyOf(d: Deadline): string {
  switch (d.kind) {
    case 'relay': return `relay:${d.seq}`;
    case 'suspicion': return `suspicion:${d.node}`;
    default: return d.kind;
  }
}

const deadline: fc.Arbitrary<Deadline> = fc.oneof(
  fc.constantFrom<Deadline>({ kind: 'probe' }, { kind: 'probe-timeout' }, { kind: 'gossip' }, { kind: 'push-pull' },
    { kind: 'reconnect' }, { kind: 'join-retry' }, { kind: 'split-brain' }),
  fc.integer({ min: 0, max: 6 }).map((seq): Deadline => ({ kind: 'relay', seq })),
  fc.integer({ min: 0, max: 6 }).map((i): Deadline => ({ kind: 'suspicion', node: `n${i}` as NodeId })),
);
// Few distinct times, so ties (decided by the order keys were set) are common.
const time = fc.integer({ min: 0, max: 12 });
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), deadline, at: time }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clear' as const), deadline }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pop' as const), now: time }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('at' as const), deadline }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear-all' as const }) },
);

describe('the slotted deadlines with a cached earliest time (issue 27)', () => {
  it('pop, peek and answer exactly as one map of key strings scanned every time, whatever the operations', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
      const fast = new Deadlines();
      const ref = new ReferenceDeadlines();
      for (const o of ops) {
        switch (o.kind) {
          case 'set': fast.set(o.deadline, o.at); ref.set(o.deadline, o.at); break;
          case 'clear': fast.clear(o.deadline); ref.clear(o.deadline); break;
          case 'pop': expect(fast.popDue(o.now)).toEqual(ref.popDue(o.now)); break;
          case 'at': expect(fast.at(o.deadline)).toBe(ref.at(o.deadline)); break;
          case 'clear-all': fast.clearAll(); ref.clearAll(); break;
        }
        expect(fast.next()).toBe(ref.next());
        expect(fast.size).toBe(ref.size);
      }
    }), { seed: 27, numRuns: 500 });
  });

  it('keeps a re-set key in its place among ties, as a map keeps a re-set key', () => {
    const d = new Deadlines();
    d.set({ kind: 'gossip' }, 5);
    d.set({ kind: 'probe' }, 5);
    d.set({ kind: 'gossip' }, 5); // re-set: still before probe
    expect(d.popDue(5)?.deadline).toEqual({ kind: 'gossip' });
    d.set({ kind: 'gossip' }, 5); // set again after being popped: now after probe
    expect(d.popDue(5)?.deadline).toEqual({ kind: 'probe' });
  });

  it('moves the earliest time later when the earliest deadline is moved or cleared', () => {
    const d = new Deadlines();
    d.set({ kind: 'probe' }, 3);
    d.set({ kind: 'suspicion', node: 'n1' as NodeId }, 7);
    d.set({ kind: 'probe' }, 9);
    expect(d.next()).toBe(7);
    d.clear({ kind: 'suspicion', node: 'n1' as NodeId });
    expect(d.next()).toBe(9);
    expect(d.popDue(8)).toBeUndefined();
  });
});
