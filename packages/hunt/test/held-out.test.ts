import { describe, expect, it } from 'vitest';
import { runSeed, shrink, type Scenario } from '../src/index.ts';
import { rmwBroken, rmwCorrect } from './held-out/read-modify-write.ts';
import { writeBehindBroken, writeBehindCorrect } from './held-out/write-behind-queue.ts';

/**
 * Issue 23, item 6: planted bugs outside the corpus (test/held-out/, never named by src/). The
 * finder and the shrinker must do on them what they do on the corpus: find within the seeds the
 * corpus needs, shrink to ≤ 3 fault steps and ≤ 20 % of the operations (or 2: a lost update needs
 * two increments), and pass the correct twin.
 * Shrinks run on a run budget with no effective time limit, so they are deterministic.
 */
const HELD_OUT: readonly { name: string; broken: Scenario<never>; correct: Scenario<never> }[] = [
  { name: 'write-behind queue', broken: writeBehindBroken as Scenario<never>, correct: writeBehindCorrect as Scenario<never> },
  { name: 'read-modify-write without compare-and-set', broken: rmwBroken as Scenario<never>, correct: rmwCorrect as Scenario<never> },
];

describe('held-out planted bugs: found, shrunk, and the correct twin passes', () => {
  for (const entry of HELD_OUT) {
    it(entry.name, async () => {
      let seed = 1;
      let failing = await runSeed(entry.broken, { seed });
      while (!failing.failure && seed < 300) failing = await runSeed(entry.broken, { seed: ++seed });
      expect(failing.failure, `${entry.name}: no failure in seeds 1..300`).toBeDefined();
      const s = await shrink(entry.broken, failing, { maxRuns: 1500, timeLimitMs: 600_000 });
      console.log(`${entry.name}: seed ${seed}, ${failing.faultsRun} → ${s.shrunk.faultsRun} fault steps, ${failing.operations} → ${s.shrunk.operations} operations, ${s.runs} runs`);
      expect(s.shrunk.failure.property).toBe(failing.failure!.property);
      expect(s.shrunk.faultsRun).toBeLessThanOrEqual(3);
      expect(s.shrunk.operations).toBeLessThanOrEqual(Math.max(2, Math.floor(failing.operations * 0.2)));
      for (let t = 1; t <= seed; t++) expect((await runSeed(entry.correct, { seed: t })).failure, `${entry.name} correct twin, seed ${t}`).toBeUndefined();
      const capsule = { seed: s.shrunk.seed, plan: s.shrunk.plan, bounds: s.shrunk.bounds, buggify: s.buggify };
      expect((await runSeed(entry.broken, capsule)).failure?.property).toBe(failing.failure!.property);
      expect((await runSeed(entry.correct, capsule)).failure).toBeUndefined();
    }, 180_000);
  }
});
