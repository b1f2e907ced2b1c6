import { describe, expect, it } from 'vitest';
import { runSeed } from '../src/index.ts';
import { CORPUS } from '../src/corpus/index.ts';

// Seeds where a correct twin used to fail: a heavy-tailed delay (lognormal, σ 1) had ended, but
// the FIFO link still held the frames queued behind its slowest frame, past the 2 s settle, so
// the end invariant judged a run whose messages were still on the wire.
const REGRESSION_SEEDS: Record<string, readonly number[]> = { transfer: [34, 38], broadcast: [18, 34, 38] };

describe('bug corpus: each correct twin survives the seeds its broken twin fails', () => {
  for (const entry of CORPUS) {
    it(`${entry.name}: broken fails in seeds 1..60, correct survives those and its regression seeds`, async () => {
      const failing: number[] = [];
      for (let seed = 1; seed <= 60; seed++) if ((await runSeed(entry.broken, { seed })).failure) failing.push(seed);
      expect(failing.length, `${entry.name}/broken should fail some seed`).toBeGreaterThan(0);
      for (const seed of [...failing, ...(REGRESSION_SEEDS[entry.name] ?? [])]) {
        const r = await runSeed(entry.correct, { seed });
        expect(r.failure, `${entry.name}/correct seed ${seed}: ${r.failure?.explanation}`).toBeUndefined();
      }
    });
  }

});
