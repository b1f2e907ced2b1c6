import { describe, expect, it } from 'vitest';
import { pushPullIntervalMs } from '../src/member-list-dissemination.ts';
import { EXACT_PICK_MAX_MEMBERS } from '../src/member-list-state.ts';
import { startScenario } from './fixtures/scenario.ts';

// Issue 27: above EXACT_PICK_MAX_MEMBERS members the gossip and relay picks sample the table
// (memberlist's kRandomNodes, util.go) and push-pull stretches (pushPullScale, util.go).

describe('membership at scale', () => {
  it('stretches the push-pull interval as memberlist does above 32 members', () => {
    expect([32, 33, 64, 65, 1000].map((n) => pushPullIntervalMs(3000, n))).toEqual([3000, 6000, 6000, 9000, 18_000]);
  });

  it('converges a cluster too large for exact picks, started through one seed', async () => {
    const n = 3 * EXACT_PICK_MAX_MEMBERS;
    const s = await startScenario(n, { seed: 27, props: { config: { preset: 'sim-fast' }, seeds: ['n1' as never] } });
    await s.sim.sleep(8000);
    // Every node holds every other alive, judged from the events alone (no n² view asks).
    const alive = new Map<string, Set<string>>();
    for (const e of s.obs.log) {
      if (!('node' in e)) continue;
      const seen = alive.get(e.observer) ?? new Set<string>();
      if (e.status === 'alive') seen.add(e.node);
      else seen.delete(e.node);
      alive.set(e.observer, seen);
    }
    expect(alive.size).toBe(n);
    for (const [observer, seen] of alive) expect(seen.size, `members alive at ${observer}`).toBe(n);
    expect(s.obs.log.filter((e) => e.type === 'member-down')).toEqual([]);
  });
});
