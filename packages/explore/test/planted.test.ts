import { describe, expect, it } from 'vitest';
import { runSeed } from '@faultline/hunt';
import { explore, type ExploreSpec } from '../src/index.ts';
import type { Scenario } from '@faultline/hunt';
import { freshReleaseSpec, freshReplicateSpec, staleReleaseSpec, staleReplicateSpec } from '../src/planted/index.ts';
import { freshReplicateScenario, staleReplicateScenario } from './planted/stale-replicate.ts';
import { freshReleaseScenario, staleReleaseScenario } from './planted/stale-release.ts';

// Two planted bugs that need one message overtaken by a retry sent a retry timeout later. The
// 10,000-seed comparison is packages/bench/src/explore-vs-seeds.ts (chapter 19); here fixed bounds.
/** The table below holds specs and scenarios of different state types. */
const spec = <S>(x: ExploreSpec<S>) => x as unknown as ExploreSpec<unknown>;
const scenario = <S>(x: Scenario<S>) => x as unknown as Scenario<unknown>;
const delivered = (trace: readonly string[], pattern: string) => trace.findIndex((l) => l.startsWith('deliver') && l.includes(pattern));
const planted = [
  {
    name: 'stale-replicate', broken: spec(staleReplicateSpec()), correct: spec(freshReplicateSpec()), shortest: 8, property: 'the backup never goes back', scenarios: [scenario(staleReplicateScenario), scenario(freshReplicateScenario)],
    // Version 1's first copy lands last, after version 2.
    stale: (t: readonly string[]) => delivered(t, '"version":1,"value":1,"attempt":1') === t.length - 1 && delivered(t, '"version":2') >= 0,
  },
  {
    name: 'stale-release', broken: spec(staleReleaseSpec()), correct: spec(freshReleaseSpec()), shortest: 13, property: 'one lock holder at a time', scenarios: [scenario(staleReleaseScenario), scenario(freshReleaseScenario)],
    // The first release of token 1 lands after its retry freed the lock and the worker acquired again.
    stale: (t: readonly string[]) => delivered(t, '"token":1,"attempt":1') > delivered(t, '"token":1,"attempt":2') && delivered(t, '"token":1,"attempt":2') >= 0,
  },
];

describe.each(planted)('planted bug $name', ({ broken, correct, shortest, property, scenarios, stale }) => {
  it('breadth-first search finds it with a shortest trace: a first copy landing after what a retry timeout let through', async () => {
    const r = await explore(broken, { strategy: 'bfs', maxDepth: shortest + 2 });
    expect(r.violation?.property).toBe(property);
    expect(r.violation?.choices).toHaveLength(shortest);
    expect(stale(r.violation!.trace), r.violation!.trace.join('\n')).toBe(true);
    // A retry timeout fired while the first copy was on the wire.
    expect(r.violation!.trace.some((l) => l.startsWith('timer') && l.includes('5'))).toBe(true);
  }, 120_000);

  it('the correct twin keeps the property in every state within the same depth', async () => {
    const r = await explore(correct, { strategy: 'bfs', maxDepth: shortest });
    expect(r.violation).toBeUndefined();
    expect(r.stats.budgetRanOut).toBe(false);
    expect(r.stats.uniqueStates).toBeGreaterThan(100);
  }, 120_000);

  it('both twins run as faultline test scenarios (a few seeds here; 10,000 in the bench script)', async () => {
    for (const s of scenarios) {
      const result = await runSeed(s, { seed: 1 });
      expect(result.operations, s.name).toBeGreaterThan(0);
      expect(result.failure, s.name).toBeUndefined();
    }
  }, 60_000);
});
