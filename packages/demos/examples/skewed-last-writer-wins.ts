// example: skewed-last-writer-wins
import assert from 'node:assert/strict';
import { address, vcCompare } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { ApRegister, REGISTER_ACTOR, type ApWriteReply, type ConflictPolicy, type ReadReply } from '@faultline/registers';

/** n1's clock runs 50 ms ahead. Write "first" at n1, wait, then "second" at n2: first → second. */
async function writeInCausalOrder(policy: ConflictPolicy) {
  const sim = new Simulation({ seed: 4, nodes: 2, clocks: { n1: { offsetMs: 50, driftPpm: 0 } } });
  for (const node of sim.nodes) await sim.spawn(node, REGISTER_ACTOR, ApRegister, { policy, antiEntropyMs: 0 });
  const [n1, n2] = [address('n1', REGISTER_ACTOR), address('n2', REGISTER_ACTOR)];
  await sim.sleep(5);
  assert.equal(sim.clockOf('n1') - sim.clockOf('n2'), 50); // ctx.now() on n1 vs on n2

  const first = await sim.ask<ApWriteReply>(n1, { type: 'write', key: 'k', value: 'first' });
  await sim.sleep(10); // the write reaches n2 in the meantime
  const second = await sim.ask<ApWriteReply>(n2, { type: 'write', key: 'k', value: 'second' });
  await sim.sleep(10);
  const reads: unknown[] = [];
  for (const replica of [n1, n2]) {
    const read = await sim.ask<ReadReply>(replica, { type: 'read', key: 'k' });
    reads.push(read.status === 'ok' ? read.value.value : read.status);
  }
  await sim.shutdown();
  if (first.status !== 'ok' || second.status !== 'ok') throw new Error('a write failed');
  return { reads, causality: vcCompare(first.value.context, second.value.context) };
}

export default async function main(): Promise<void> {
  // Both writes were acknowledged, and the second causally follows the first...
  const byWall = await writeInCausalOrder('lww-wall');
  assert.equal(byWall.causality, 'before');
  // ...but by wall clock "first" is 50 ms younger, so the later write is lost on every replica.
  assert.deepEqual(byWall.reads, ['first', 'first']);

  // A hybrid logical clock carried n1's time to n2 with the write: causal order is kept.
  const byHlc = await writeInCausalOrder('lww-hlc');
  assert.deepEqual(byHlc.reads, ['second', 'second']);
}
