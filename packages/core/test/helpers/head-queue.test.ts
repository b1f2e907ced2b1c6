// The head-indexed array queue that nats-port.ts, send-window.ts, mailbox.ts, raw-batches.ts and the
// bandwidth queue each wrote out by hand (issue 27), checked against a plain array as the reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEAD_QUEUE_COMPACT_AFTER, HeadQueue } from '../../src/helpers/head-queue.ts';

type Op = { kind: 'push'; value: number } | { kind: 'shift' } | { kind: 'shiftMany'; n: number } | { kind: 'clear' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('push' as const), value: fc.integer() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('shift' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('shiftMany' as const), n: fc.nat({ max: 3000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
);

/** A cheap assertion for the property's inner loop (expect() per step is most of the run time). */
function eq(actual: unknown, expected: unknown): void {
  if (!Object.is(actual, expected)) throw new Error(`expected ${String(expected)}, got ${String(actual)}`);
}

describe('HeadQueue', () => {
  it('behaves as a plain array used as a FIFO (offer up to capacity, shift, peek, last, length, clear), and keeps its dead prefix bounded', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 400 }), fc.option(fc.integer({ min: 1, max: 2000 }), { nil: undefined }), (ops, capacity) => {
        const q = new HeadQueue<number>(capacity ?? Infinity);
        const compactAfter = HEAD_QUEUE_COMPACT_AFTER;
        const ref: number[] = [];
        const check = () => {
          eq(q.length, ref.length);
          eq(q.peek(), ref[0]);
          eq(q.last(), ref[ref.length - 1]);
          // Dead slots: at most compactAfter, or at most as many as the live ones.
          if (q.slots - q.length > Math.max(compactAfter, q.length)) throw new Error(`${q.slots - q.length} dead slots beside ${q.length} live`);
        };
        for (const o of ops) {
          if (o.kind === 'push') {
            // Bursts, so the prefix passes the compaction threshold often.
            for (let i = 0; i < 50; i++) {
              const fits = ref.length < (capacity ?? Infinity);
              eq(q.offer(o.value + i), fits);
              if (fits) ref.push(o.value + i);
            }
          } else if (o.kind === 'shift') {
            eq(q.shift(), ref.shift());
          } else if (o.kind === 'shiftMany') {
            for (let i = 0; i < o.n; i++) eq(q.shift(), ref.shift());
          } else {
            eq(q.clear(), ref.length);
            ref.length = 0;
          }
          check();
        }
      }),
      { seed: 27, numRuns: 200 },
    );
  });

  it('empties its array when the last entry is taken, and slices a dead prefix past 1,024 entries and half the array', () => {
    const q = new HeadQueue<number>();
    for (let i = 0; i < 3000; i++) q.push(i);
    for (let i = 0; i < 1025; i++) q.shift();
    expect(q.slots).toBe(3000); // 1,025 dead of 3,000: not yet half
    for (let i = 0; i < 476; i++) q.shift();
    expect(q.slots).toBe(3000 - 1501); // 1,501 dead of 3,000: past half, sliced off
    while (q.length > 0) q.shift();
    expect(q.slots).toBe(0);
    expect(q.shift()).toBeUndefined();
  });

  it('lets no entry it handed out stay reachable from it', () => {
    const q = new HeadQueue<object>();
    const a = {};
    q.push(a);
    q.push({});
    expect(q.shift()).toBe(a);
    expect((q as unknown as { items: unknown[] }).items[0]).toBeUndefined();
  });
});
