import { address, defineActor, type Address } from '@faultline/core';
import { EventQueue, Simulation } from '@faultline/runtime';
import { FaultNetwork, networkPresets } from '@faultline/transport';
import { median } from './median.ts';
import type { BenchResult } from './result.ts';

/** Passes a token to a random peer until the token's hop budget is spent. */
const TokenPasser = defineActor<{ hops: number }, { peers: Address[] }>({
  kind: 'bench.token-passer',
  setup(ctx, props) {
    return {
      receive(token) {
        if (token.hops > 0) ctx.send(ctx.rng.pick(props.peers), { hops: token.hops - 1 });
      },
    };
  },
});

const DELIVERIES = 1_000_000;

/**
 * This process's CPU time (user + system), in seconds. Rates here are per CPU second, not per wall
 * second: the bench machine is shared, and a run descheduled half the time would otherwise halve its
 * figure while its baseline, measured a moment later, might not be. Both sides are single-threaded.
 */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
const TOKENS = 100;

/** Deliveries per second through the whole simulated stack: actors, wire encoding, network, event queue. */
async function simDeliveries(withFaultNetwork = false): Promise<number> {
  const net = new FaultNetwork({ nodes: 5, ...networkPresets.lan });
  const sim = new Simulation({ seed: 1, nodes: 5, ...(withFaultNetwork ? { network: net.attach } : {}) });
  const peers = sim.nodes.map((n) => address(n, 'tok'));
  for (const n of sim.nodes) await sim.spawn(n, 'tok', TokenPasser, { peers });
  const hops = DELIVERIES / TOKENS;
  for (let i = 0; i < TOKENS; i++) sim.tell(peers[i % peers.length] as Address, { hops });
  const start = cpuSeconds();
  await sim.sleep(1e9);
  return sim.stats.delivered / (cpuSeconds() - start);
}

/** Baseline: the bare event queue moving the same number of closures, no actors or encoding. */
function rawQueue(): number {
  const q = new EventQueue();
  let count = 0;
  let now = 0;
  const hop = (left: number) => () => {
    count++;
    if (left > 0) q.push(now + 1, hop(left - 1));
  };
  for (let i = 0; i < TOKENS; i++) q.push(0, hop(DELIVERIES / TOKENS));
  const start = cpuSeconds();
  for (let e = q.pop(); e; e = q.pop()) {
    now = e.time;
    e.run?.();
  }
  return count / (cpuSeconds() - start);
}

/** Rounds of (sim, sim + fault network, bare queue), interleaved so a load spike on this shared machine hits all three alike. */
const ROUNDS = 3;

/** `sim-deliveries`: simulator deliveries/s vs the bare event queue in the same run (medians of interleaved rounds). Target >= 1M/s. */
export async function simBenches(): Promise<BenchResult[]> {
  await simDeliveries(); // warm up the JIT
  const plain: number[] = [];
  const faulty: number[] = [];
  const bare: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    plain.push(await simDeliveries());
    faulty.push(await simDeliveries(true));
    bare.push(rawQueue());
  }
  const value = median(plain);
  const withNet = median(faulty);
  const baseline = median(bare);
  const baselineName = `bare event queue, same hops; per CPU second, medians of ${ROUNDS} interleaved rounds`;
  return [{
    name: 'sim-deliveries', value, unit: 'deliveries/s', baseline, baselineName,
    ratio: value / baseline, target: 'ratio >= 0.5 (issue 27)', met: value / baseline >= 0.5,
  }, {
    name: 'sim-deliveries-fault-network', value: withNet, unit: 'deliveries/s', baseline, baselineName,
    ratio: withNet / baseline, target: 'ratio >= 0.4 (issue 27)', met: withNet / baseline >= 0.4,
  }];
}
