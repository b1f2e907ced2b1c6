// example: clocks-by-hand
import assert from 'node:assert/strict';
import {
  HlcClockSkewError, HybridLogicalClock, LamportClock, PhysicalClock, compareHlc, compareLamport,
  dvvEmpty, dvvJoin, dvvSync, dvvUpdate, dvvValues, emptyVectorClock, vcCompare, vcIncrement, vcMerge,
} from '@faultline/core';

export default async function main(): Promise<void> {
  // A physical clock is a function of true time: here 50 ms ahead and gaining 100 µs a second.
  const wall = new PhysicalClock({ offsetMs: 50, driftPpm: 100 });
  assert.equal(wall.read(1000), 1050.1);
  assert.equal(wall.readMonotonic(1990), 2040.199);
  wall.bump(-300, 2000); // a fault: the clock jumps back 300 ms (true time 2000)
  assert.equal(wall.read(2000), 1750.2); // wall time went backwards
  assert.equal(wall.readMonotonic(2000), 2040.199); // the monotonic reading stalls instead

  // Lamport: a happened before b  =>  L(a) < L(b).
  const a = new LamportClock('a');
  const b = new LamportClock('b');
  const sent = a.tick(); // a sends: { time: 1, node: 'a' }
  b.tick(); b.tick(); b.tick(); // three local events on b
  const received = b.receive(sent); // max(3, 1) + 1 = 4
  assert.deepEqual(received, { time: 4, node: 'b' });
  const unrelated = a.tick(); // a's next event knows nothing of b's...
  assert.equal(compareLamport(unrelated, received), -1); // ...yet compares "before": no converse

  // Vector clocks: a happened before b  <=>  V(a) < V(b), so concurrency is visible.
  const va = vcIncrement(emptyVectorClock, 'a');
  let vb = vcIncrement(emptyVectorClock, 'b');
  assert.equal(vcCompare(va, vb), 'concurrent');
  vb = vcIncrement(vcMerge(vb, va), 'b'); // b receives a message stamped va
  assert.deepEqual(vb, { a: 1, b: 2 });
  assert.equal(vcCompare(va, vb), 'before');

  // HLC: physical time when clocks agree, causality when they do not.
  let trueMs = 1000;
  const fast = new HybridLogicalClock(() => trueMs + 50, { maxOffsetMs: Infinity });
  const slow = new HybridLogicalClock(() => trueMs, { maxOffsetMs: Infinity });
  const stamp = fast.tick();
  assert.deepEqual(stamp, { l: 1050, c: 0 });
  trueMs += 10;
  const after = slow.receive(stamp); // slow's own clock says 1010, but the stamp is ahead
  assert.deepEqual(after, { l: 1050, c: 1 });
  assert.equal(compareHlc(stamp, after), -1);
  const strict = new HybridLogicalClock(() => trueMs, { maxOffsetMs: 20 });
  assert.throws(() => strict.receive(stamp), HlcClockSkewError); // 40 ms ahead > 20: refused

  // DVV sets: concurrent writes survive as siblings until a writer that saw both resolves them.
  const start = dvvUpdate(dvvEmpty<string>(), {}, 'r1', 'blue');
  const context = dvvJoin(start); // what two clients read before writing
  const atR1 = dvvUpdate(start, context, 'r1', 'green');
  const atR2 = dvvUpdate(start, context, 'r2', 'red');
  const merged = dvvSync(atR1, atR2);
  assert.deepEqual(dvvValues(merged), ['green', 'red']);
  assert.deepEqual(dvvValues(dvvUpdate(merged, dvvJoin(merged), 'r2', 'purple')), ['purple']);
}
