import { fault, select } from '@faultline/transport';
import { quantile } from '../render/histogram.ts';
import { Counter, Ticker, type CounterReport } from './actors.ts';
import { pct, withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

const CAPACITY = 64_000;
const BYTES = 1000;
const LOADS = [0.25, 0.5, 0.9, 1.1, 1.5];

/** "Bandwidth is infinite": a capped link, offered more and more load. */
export const bandwidthScene: FallacyScene = {
  name: 'bandwidth',
  fallacy: 'bandwidth is infinite',
  run: async (seed) => {
    const lines = [`n1 streams ${BYTES}-byte messages to n2 for 2 s over a link capped at ${CAPACITY / 1000} kB/s (64 frames may queue).`, '  offered load   delay p50   delay p99   dropped (queue full)'];
    for (const load of LOADS) {
      lines.push(await withRig(seed, 2, async ({ sim, net }) => {
        net.install({ target: select.link('n1', 'n2'), fault: fault.bandwidth(CAPACITY, 64) });
        const sink = await sim.spawn('n2', 'sink', Counter, undefined);
        const ticker = await sim.spawn('n1', 'ticker', Ticker, undefined);
        const perSecond = (load * CAPACITY) / BYTES;
        const count = Math.round(perSecond * 2);
        sim.tell(ticker, { to: sink, count, everyMs: 1000 / perSecond, bytes: BYTES });
        await sim.sleep(6_000);
        const r = await sim.ask<CounterReport>(sink, 'report');
        const delays = r.status === 'ok' ? r.value.delays : [];
        const dropped = net.counters.snapshot().links['n1->n2']?.dropReasons['queue-full'] ?? 0;
        return `  ${pct(load).padStart(12)}   ${`${quantile(delays, 0.5).toFixed(1)} ms`.padStart(9)}   ${`${quantile(delays, 0.99).toFixed(1)} ms`.padStart(9)}   ${dropped} of ${count}`;
      }));
    }
    lines.push('Below capacity the queue stays short; past it, delay climbs to a full queue and the rest is dropped.');
    return lines;
  },
};
