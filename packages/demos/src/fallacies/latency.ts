import { dist } from '@faultline/core';
import { quantile, renderHistogram } from '../render/histogram.ts';
import { Echo, Pinger, type PingReport } from './actors.ts';
import { withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

/** "Latency is zero": round trips between regions, measured. */
export const latencyScene: FallacyScene = {
  name: 'latency',
  fallacy: 'latency is zero',
  run: (seed) => withRig(seed, 2, async ({ sim }) => {
    const echo = await sim.spawn('n2', 'echo', Echo, { serviceMs: 0 });
    const pinger = await sim.spawn('n1', 'pinger', Pinger, undefined);
    const r = await sim.ask<PingReport>(pinger, { targets: [echo], count: 300, need: 1, timeoutMs: 2_000 }, { timeoutMs: 120_000 });
    if (r.status !== 'ok') throw new Error(`the pinger did not report: ${r.status}`);
    const rtt = r.value.rounds;
    return [
      'n1 asks n2 300 times, one after another, across a WAN link (one-way latency lognormal, median 40 ms).',
      `round trip: p50 ${quantile(rtt, 0.5).toFixed(1)} ms, p99 ${quantile(rtt, 0.99).toFixed(1)} ms, max ${Math.max(...rtt).toFixed(1)} ms; 300 sequential calls took ${(rtt.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s.`,
      ...renderHistogram(rtt, [40, 60, 80, 100, 120, 160]),
    ];
  }, {}, dist.lognormal(40, 0.3)),
};
