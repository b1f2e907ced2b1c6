// example: replay-by-seed
import assert from 'node:assert/strict';
import { address, defineActor, type Address } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, networkPresets } from '@faultline/transport';

/** Passes a hot potato to a random peer, `hops` times in all. */
export const Potato = defineActor<{ hops: number }, { peers: Address[] }>({
  kind: 'tutorial.potato',
  setup(ctx, props) {
    return {
      receive(message) {
        if (message.hops > 0) ctx.send(ctx.rng.pick(props.peers), { hops: message.hops - 1 });
      },
    };
  },
});

async function run(seed: number) {
  // A LAN: 0.5–1.5 ms per hop, drawn from the run's seeded network stream.
  const net = new FaultNetwork({ nodes: 4, ...networkPresets.lan });
  const sim = new Simulation({ seed, nodes: 4, network: net.attach, trace: true });
  const peers = sim.nodes.map((node) => address(node, 'potato'));
  for (const node of sim.nodes) await sim.spawn(node, 'potato', Potato, { peers });
  for (const peer of peers) sim.tell(peer, { hops: 50 });
  await sim.sleep(1_000);
  const result = { hash: sim.traceHash(), delivered: sim.stats.delivered };
  await sim.shutdown();
  return result;
}

export default async function main(): Promise<void> {
  const first = await run(7);
  assert.equal(first.delivered, 4 + 4 * 50); // 4 tells from the program, then 50 hops each
  assert.deepEqual(await run(7), first); // same seed: the same trace, event for event
  assert.notEqual((await run(8)).hash, first.hash); // another seed: another run
}
