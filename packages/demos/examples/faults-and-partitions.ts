// example: faults-and-partitions
import assert from 'node:assert/strict';
import { defineActor, dist, type Address, type AskOutcome } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, fault, select } from '@faultline/transport';

export const Counter = defineActor<'hit' | 'count', void>({
  kind: 'tutorial.hits',
  setup() {
    let hits = 0;
    return { receive: (message) => (message === 'hit' ? ++hits : hits) };
  },
});

/** Asks `to` for a hit and answers with how that ask ended: traffic between two nodes. */
export const Caller = defineActor<Address, void>({
  kind: 'tutorial.caller',
  setup(ctx) {
    return { receive: async (to) => (await ctx.ask(to, 'hit', { timeoutMs: 50 })).status };
  },
});

function valueOf<T>(outcome: AskOutcome<T>): T {
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${outcome.status}`);
  return outcome.value;
}

export default async function main(): Promise<void> {
  const net = new FaultNetwork({ nodes: 3, baseLatency: dist.constant(1) });
  const sim = new Simulation({ seed: 1, nodes: 3, network: net.attach });
  const caller = await sim.spawn('n1', 'caller', Caller, undefined);
  const counter = await sim.spawn('n2', 'counter', Counter, undefined);
  // Rules and partitions leave the program's own links alone, so it can always look.
  const call = async () => valueOf(await sim.ask<string>(caller, counter));
  const hits = async () => valueOf(await sim.ask<number>(counter, 'count'));
  assert.equal(await call(), 'ok');

  // A rule: lose every frame n1 -> n2. The request never arrives: unknown, and indeed not done.
  const loss = net.install({ target: select.link('n1', 'n2'), fault: fault.drop(1) });
  assert.equal(await call(), 'unknown');
  assert.equal(await hits(), 1);
  loss.remove();

  // A one-way partition: n2 cannot reach n1. The request arrives, the reply is lost:
  // unknown again, but this time the hit happened. The caller cannot tell the two apart.
  net.partitionOneWay('n2', 'n1');
  assert.equal(await call(), 'unknown');
  assert.equal(await hits(), 2);
  net.healAll();

  // Rule order: the first rule whose verdict is not `pass` decides the frame.
  net.install({ target: select.all(), fault: fault.delay(dist.constant(20)) });
  net.install({ target: select.all(), fault: fault.drop(1) }); // never reached: the delay always decides
  const start = sim.now();
  assert.equal(await call(), 'ok');
  assert.equal(sim.now() - start, 1 + 21 + 21 + 1); // program->n1, n1->n2, n2->n1, n1->program

  // Counters per directed link say what the network did, and why it dropped frames.
  const links = net.counters.snapshot().links;
  assert.deepEqual(links['n1->n2']?.dropReasons, { drop: 1 });
  assert.deepEqual(links['n2->n1']?.dropReasons, { partition: 1 });
  assert.equal(links['n1->n2']?.delayed, 1);
  await sim.shutdown();
}
