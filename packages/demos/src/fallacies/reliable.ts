import type { Address } from '@faultline/core';
import { fault, select } from '@faultline/transport';
import { Counter, Ticker, type CounterReport } from './actors.ts';
import { pct, withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

/** "The network is reliable": 2 % loss, and the sender is never told. */
export const reliableScene: FallacyScene = {
  name: 'reliable',
  fallacy: 'the network is reliable',
  run: (seed) => withRig(seed, 2, async ({ sim, net }) => {
    net.install({ target: select.all(), fault: fault.drop(0.02) });
    const sink = await sim.spawn('n2', 'sink', Counter, undefined);
    const ticker = await sim.spawn('n1', 'ticker', Ticker, undefined);
    sim.tell(ticker, { to: sink as Address, count: 1000, everyMs: 1, bytes: 0 });
    await sim.sleep(2_000);
    const report = await sim.ask<CounterReport>(sink, 'report');
    const got = report.status === 'ok' ? report.value.count : 0;
    const link = net.counters.snapshot().links['n1->n2'];
    return [
      `n1 sends 1000 one-way messages to n2 over a link that loses 2 % of frames.`,
      `arrived ${got} of 1000 (${pct(1 - got / 1000)} lost; the link counted ${link?.dropped ?? 0} drops). The sender was told of none.`,
    ];
  }),
};
