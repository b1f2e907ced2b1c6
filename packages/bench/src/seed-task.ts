/**
 * One seed of a CPU-bound simulation, the unit the seed-runner bench hands to pool threads: a
 * 5-node simulator passing tokens (actors, wire, network, event queue) for a fixed number of hops.
 */
import { address, defineActor, type Address } from '@faultline/core';
import { Simulation } from '@faultline/runtime';

const Passer = defineActor<{ hops: number }, { peers: Address[] }>({
  kind: 'bench.seed-passer',
  setup(ctx, props) {
    return {
      receive(token) {
        if (token.hops > 0) ctx.send(ctx.rng.pick(props.peers), { hops: token.hops - 1 });
      },
    };
  },
});

/** Runs `seed` for `deliveries` deliveries; returns the deliveries counted (a check that the run happened). */
export async function simulateSeed(input: { seed: number; deliveries: number }): Promise<number> {
  const sim = new Simulation({ seed: input.seed, nodes: 5 });
  const peers = sim.nodes.map((n) => address(n, 'tok'));
  for (const n of sim.nodes) await sim.spawn(n, 'tok', Passer, { peers });
  const tokens = 20;
  for (let i = 0; i < tokens; i++) sim.tell(peers[i % peers.length] as Address, { hops: Math.ceil(input.deliveries / tokens) });
  await sim.sleep(1e9);
  return sim.stats.delivered;
}
