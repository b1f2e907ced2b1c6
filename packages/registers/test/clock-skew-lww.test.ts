import { describe, expect, it } from 'vitest';
import { address, vcCompare } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { ApRegister, REGISTER_ACTOR, type ApWriteReply, type ConflictPolicy, type ReadReply } from '../src/index.ts';

/**
 * The clocks issue's scenario: n1's clock runs 50 ms ahead of n2's. A client writes "first" at n1,
 * waits for the ack, lets replication reach n2, then writes "second" at n2: causal order, first → second.
 */
async function writeInCausalOrder(policy: ConflictPolicy) {
  const sim = new Simulation({ seed: 4, nodes: 2, clocks: { n1: { offsetMs: 50, driftPpm: 0 } } });
  for (const n of sim.nodes) await sim.spawn(n, REGISTER_ACTOR, ApRegister, { policy, antiEntropyMs: 0 });
  await sim.sleep(5);
  const first = await sim.ask<ApWriteReply>(address('n1', REGISTER_ACTOR), { type: 'write', key: 'k', value: 'first' });
  await sim.sleep(10);
  const second = await sim.ask<ApWriteReply>(address('n2', REGISTER_ACTOR), { type: 'write', key: 'k', value: 'second' });
  await sim.sleep(10);
  const reads = await Promise.all(sim.nodes.map((n) => sim.ask<ReadReply>(address(n, REGISTER_ACTOR), { type: 'read', key: 'k' })));
  if (first.status !== 'ok' || second.status !== 'ok') throw new Error('writes did not succeed');
  return { reads: reads.map((r) => (r.status === 'ok' ? r.value.value : r.status)), first: first.value, second: second.value };
}

describe('ordering writes under 50 ms of clock skew (clocks issue scenario)', () => {
  it('by wall clock inverts causal order: the later write is lost everywhere', async () => {
    const { reads } = await writeInCausalOrder('lww-wall');
    expect(reads).toEqual(['first', 'first']);
  });

  it('by hybrid logical clock keeps causal order: the later write wins everywhere', async () => {
    const { reads } = await writeInCausalOrder('lww-hlc');
    expect(reads).toEqual(['second', 'second']);
  });

  it('by vector clock sees first happened before second', async () => {
    const { first, second } = await writeInCausalOrder('lww-hlc');
    expect(vcCompare(first.context, second.context)).toBe('before');
  });
});
