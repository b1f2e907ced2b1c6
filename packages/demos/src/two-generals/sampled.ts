import { address, type NodeId } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, fault, networkPresets, select, type MessageTraceEvent } from '@faultline/transport';
import { General } from './general.ts';
import { endingOf, type Ending } from './protocol.ts';

/** One run in the simulator: the ending and every message event between the generals. */
export interface SampledRun {
  readonly seed: number;
  readonly ending: Ending;
  readonly trace: readonly MessageTraceEvent[];
}

/** Runs protocol k once with messengers lost at probability p; the generals decide at dawn (1 s). */
export async function sampleRun(seed: number, k: number, p: number): Promise<SampledRun> {
  const net = new FaultNetwork({ nodes: 2, ...networkPresets.lan });
  const trace: MessageTraceEvent[] = [];
  const sim = new Simulation({ seed, nodes: 2, network: net.attach, onTrace: (e) => trace.push(e) });
  try {
    const [na, nb] = sim.nodes as [NodeId, NodeId];
    net.install({ target: select.all(), fault: fault.drop(p) });
    const a = await sim.spawn(na, 'general', General, { role: 'A', k, peer: address(nb, 'general') });
    const b = await sim.spawn(nb, 'general', General, { role: 'B', k, peer: address(na, 'general') });
    sim.tell(a, { type: 'order' });
    await sim.sleep(1_000);
    const decide = async (at: typeof a) => {
      const reply = await sim.ask<{ attack: boolean }>(at, { type: 'decide' });
      if (reply.status !== 'ok') throw new Error(`general ${at.node} did not answer at dawn: ${reply.status}`);
      return reply.value.attack;
    };
    const ending = endingOf(await decide(a), await decide(b));
    return { seed, ending, trace: trace.filter((e) => e.from !== 'driver' && e.to !== 'driver') };
  } finally {
    await sim.shutdown();
  }
}
