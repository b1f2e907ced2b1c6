import { describe, expect, it } from 'vitest';
import { startScenario } from './fixtures/scenario.ts';

// Pinned trace hashes (issue 27): per-message work in the member list was made independent of the
// cluster size (incremental counts, a bucketed piggyback queue, an indexed probe order). For
// clusters up to the exact-scan threshold none of that may change a single message, so these
// hashes, recorded before the change, must still come out. Runs: 25 nodes joined through one
// seed under 5% loss, with a crash and a restart.

async function run(): Promise<{ hash: string; delivered: number; events: number }> {
  const s = await startScenario(25, { seed: 27, trace: true, props: { config: { preset: 'sim-fast' }, seeds: ['n1' as never] } });
  await s.sim.sleep(2000);
  s.net.setLoss(0.05);
  await s.sim.crash('n7');
  await s.sim.sleep(3000);
  await s.sim.restart('n7');
  await s.sim.sleep(2000);
  return { hash: s.sim.traceHash(), delivered: s.sim.stats.delivered, events: s.obs.log.length };
}

describe('membership replays the runs it replayed before per-message work was bounded', () => {
  it('gives the pinned trace for 25 nodes under loss, a crash and a restart', async () => {
    expect(await run()).toEqual({ hash: 'fda2521d00f1ff56', delivered: 6940, events: 754 });
  });
});
