import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NodeId } from '@faultline/core';
import { BroadcastQueue, type Update } from '../src/index.ts';

/**
 * The queue as it was before issue 27: sort every pending update on each take (least transmitted
 * first, newest first among equals). Deliberately simple; the bucketed queue must hand out exactly
 * what it hands out (memberlist's TransmitLimitedQueue order, queue.go).
 */
class ReferenceQueue {
  private readonly items = new Map<NodeId, { update: Update; transmits: number; seq: number }>();
  private seq = 0;
  get size(): number { return this.items.size; }
  enqueue(update: Update): void { this.items.set(update.node, { update, transmits: 0, seq: this.seq++ }); }
  take(max: number, limit: number, except?: NodeId): Update[] {
    if (max <= 0 || this.items.size === 0) return [];
    const ordered = [...this.items.values()].sort((a, b) => a.transmits - b.transmits || b.seq - a.seq);
    const out: Update[] = [];
    for (const item of ordered) {
      if (out.length >= max) break;
      if (item.update.node === except) continue;
      out.push(item.update);
      item.transmits++;
      if (item.transmits >= limit) this.items.delete(item.update.node);
    }
    return out;
  }
  clear(): void { this.items.clear(); }
}

const node = fc.integer({ min: 0, max: 30 }).map((i) => `n${i}` as NodeId);
const op = fc.oneof(
  fc.record({ kind: fc.constant('enqueue' as const), node, incarnation: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constant('take' as const), max: fc.integer({ min: 0, max: 9 }), limit: fc.integer({ min: 1, max: 6 }), except: fc.option(node, { nil: undefined }) }),
  fc.record({ kind: fc.constant('clear' as const) }),
);

describe('the bucketed broadcast queue', () => {
  it('hands out the same updates in the same order as a sort of the whole queue, whatever the operations', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 400 }), (ops) => {
      const fast = new BroadcastQueue();
      const ref = new ReferenceQueue();
      for (const o of ops) {
        if (o.kind === 'enqueue') {
          const u: Update = { node: o.node, state: 'alive', incarnation: o.incarnation, from: o.node };
          fast.enqueue(u);
          ref.enqueue(u);
        } else if (o.kind === 'take') {
          expect(fast.take(o.max, o.limit, o.except)).toEqual(ref.take(o.max, o.limit, o.except));
        } else {
          fast.clear();
          ref.clear();
        }
        expect(fast.size).toBe(ref.size);
      }
    }), { seed: 27, numRuns: 300 });
  });

  it('sweeps out replaced entries, so a storm of replacements does not grow it', () => {
    const q = new BroadcastQueue();
    for (let i = 0; i < 100_000; i++) q.enqueue({ node: `n${i % 10}` as NodeId, state: 'alive', incarnation: i, from: 'n0' as NodeId });
    expect(q.size).toBe(10);
    expect(q.take(20, 5).map((u) => u.incarnation)).toEqual([99_999, 99_998, 99_997, 99_996, 99_995, 99_994, 99_993, 99_992, 99_991, 99_990]);
    expect((q as unknown as { buckets: unknown[][] }).buckets.flat().length).toBeLessThanOrEqual(10 + 65);
  });
});
