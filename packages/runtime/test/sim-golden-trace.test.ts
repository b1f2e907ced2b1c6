import { describe, expect, it } from 'vitest';
import { address, type Address } from '@faultline/core';
import { fault, FaultNetwork, networkPresets, select } from '@faultline/transport';
import { Simulation } from '../src/index.ts';
import { Chatter, Echo, Relay } from './fixtures/actors.ts';

// Pinned trace hashes (issue 27): the simulator's hot path (delivery scheduling, link counters,
// stall bookkeeping, the fixed-latency route) was rewritten for speed, and must not change a single
// event of any run. These hashes were recorded with the simulator before that rewrite; a change to
// the hot path that alters ordering, timing, drops or ids fails here. `sim-determinism.test.ts`
// checks the weaker property (same seed twice in one build gives one hash).

async function run(withFaults: boolean): Promise<{ hash: string; events: number; delivered: number; dropped: number }> {
  const net = new FaultNetwork({ nodes: 5, ...networkPresets.lan });
  const sim = new Simulation({ seed: 27, nodes: 5, trace: true, ...(withFaults ? { network: net.attach } : {}) });
  if (withFaults) {
    net.install({ target: select.all(), fault: fault.drop(0.05), label: 'loss' });
    net.install({ target: select.all(), fault: fault.duplicate(0.05), label: 'dup' });
  }
  const peers: Address[] = sim.nodes.map((n) => address(n, 'chat'));
  for (const n of sim.nodes) await sim.spawn(n, 'chat', Chatter, { peers, rounds: 100 });
  const echo = await sim.spawn('n3', 'echo', Echo, undefined);
  const relay = await sim.spawn('n1', 'relay', Relay, undefined);
  await Promise.all([1, 2, 3].map((i) => sim.ask(relay, { to: echo, message: i })));
  await sim.sleep(2_000);
  return { hash: sim.traceHash(), events: sim.scheduler.eventsRun, delivered: sim.stats.delivered, dropped: sim.stats.dropped };
}

describe('the simulator replays the runs it replayed before its hot path was rewritten', () => {
  it('gives the pinned trace on the default fixed-latency network', async () => {
    expect(await run(false)).toEqual(PINNED.plain);
  });

  it('gives the pinned trace through a fault network with loss and duplicates', async () => {
    expect(await run(true)).toEqual(PINNED.faults);
  });
});

const PINNED = {
  plain: { hash: '30bc6076bf7fe4c7', events: 1018, delivered: 512, dropped: 0 },
  faults: { hash: '82e2fe2beac1ccc1', events: 1015, delivered: 509, dropped: 19 },
};
