import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkDeterminism, ddmin, hunt, runSeed, shrink } from '../src/index.ts';
import { counterBroken, counterCorrect } from '../src/corpus/counter.ts';
import { lockWriteFencingBroken } from '../src/corpus/lock.ts';
import { planted, seededDraws } from './fixtures/planted.ts';

const counterFile = fileURLToPath(new URL('../src/corpus/counter.ts', import.meta.url));

describe('ddmin (Zeller and Hildebrandt 2002)', () => {
  it('finds the two items that together cause the failure', async () => {
    const items = Array.from({ length: 16 }, (_, i) => i);
    const found = await ddmin(items, async (s) => s.includes(3) && s.includes(11));
    expect(found).toEqual([3, 11]);
  });
  it('returns nothing when the failure needs no item', async () => {
    expect(await ddmin([1, 2, 3], async () => true)).toEqual([]);
  });
});

describe('faultline test machinery on the counter corpus entry', () => {
  it('finds the double-counting counter within 20 seeds and the correct twin survives them', async () => {
    const broken = [];
    for (let seed = 1; seed <= 20; seed++) if ((await runSeed(counterBroken, { seed })).failure) broken.push(seed);
    expect(broken.length).toBeGreaterThan(0);
    for (let seed = 1; seed <= 20; seed++) expect((await runSeed(counterCorrect, { seed })).failure).toBeUndefined();
  });

  it('shrinks a failing seed to a run that fails the same property with fewer operations', async () => {
    let seed = 1;
    let r = await runSeed(counterBroken, { seed });
    while (!r.failure) r = await runSeed(counterBroken, { seed: ++seed });
    const s = await shrink(counterBroken, r);
    expect(s.shrunk.failure.property).toBe(r.failure!.property);
    expect(s.shrunk.operations).toBeLessThanOrEqual(Math.ceil(r.operations * 0.2));
    const again = await runSeed(counterBroken, { seed: s.shrunk.seed, plan: s.shrunk.plan, bounds: s.shrunk.bounds, buggify: s.buggify });
    expect(again.failure?.property).toBe(r.failure!.property);
  });

  it('shrinks lock-fencing (a failure that needs an exact interleaving) to ≤ 20 % of its operations on other seeds', async () => {
    const failing = await runSeed(lockWriteFencingBroken, { seed: 681 });
    expect(failing.failure).toBeDefined();
    // A run budget and no effective time limit: the shrink is deterministic, so this cannot flake.
    const s = await shrink(lockWriteFencingBroken, failing, { maxRuns: 1500, timeLimitMs: 600_000 });
    expect(s.shrunk.failure.property).toBe(failing.failure!.property);
    expect(s.shrunk.operations).toBeLessThanOrEqual(Math.floor(failing.operations * 0.2));
    expect(s.shrunk.faultsRun).toBeLessThanOrEqual(3);
    const again = await runSeed(lockWriteFencingBroken, { seed: s.shrunk.seed, plan: s.shrunk.plan, bounds: s.shrunk.bounds, buggify: s.buggify });
    expect(again.failure?.property).toBe(failing.failure!.property);
  }, 120_000);

  it('gives every seed the same run whatever the worker count', async () => {
    const hashes = async (workers: number, batch?: number) => {
      const seen = new Map<number, string>();
      await hunt({ file: counterFile, scenario: counterBroken.name, seeds: { from: 1, to: 8 }, workers, ...(batch ? { batch } : {}), onSeed: (o) => { seen.set(o.result.seed, o.result.traceHash); } });
      return [...seen].sort((a, b) => a[0] - b[0]);
    };
    const one = await hashes(1);
    expect(one).toHaveLength(8);
    expect(await hashes(2)).toEqual(one);
    expect(await hashes(2, 3)).toEqual(one); // batches of 3, 3 and 2 seeds per message
    // Two pools of two threads, each importing the scenario file's sources: past 30 s on a loaded 2-core machine.
  }, 120_000);
});

describe('determinism check', () => {
  it('names the actor that calls Math.random and the first divergent event', async () => {
    const v = await checkDeterminism(planted, { seed: 7 });
    expect(v.result.impure).toContainEqual({ actor: 'echo@n2', api: 'Math.random' });
    expect(v.deterministic).toBe(false);
    expect(v.divergence?.first).not.toBe(v.divergence?.second);
  });
  it("pins each actor's ctx.random to the run's seed: a replay draws the same values, another seed others", async () => {
    const draws = async (seed: number) => {
      let values: number[] = [];
      const scenario = { ...seededDraws, setup: async (run: Parameters<typeof seededDraws.setup>[0]) => { const st = await seededDraws.setup(run); values = st.draws.values; return st; } };
      await runSeed(scenario, { seed });
      return values;
    };
    const first = await draws(11);
    expect(first.length).toBeGreaterThan(3);
    expect(await draws(11)).toEqual(first);
    expect(await draws(12)).not.toEqual(first);
  });
  it('passes a deterministic scenario', async () => {
    const v = await checkDeterminism(counterCorrect, { seed: 3 });
    expect(v.deterministic).toBe(true);
    expect(v.result.impure).toEqual([]);
  });
});

describe('ctx.buggify (FoundationDB BUGGIFY, flow/flow.h)', () => {
  it('is off when no source is installed, as everywhere outside faultline test', async () => {
    const { buggifyFires } = await import('@faultline/core');
    expect(buggifyFires('any.site', { node: 'n1', name: 'a' } as never)).toBe(false);
  });
  it('switches a site on per run from the seed and fires it from a seeded stream', async () => {
    const { SeededBuggify } = await import('../src/index.ts');
    const draws = (seed: number) => { const b = new SeededBuggify(seed); return Array.from({ length: 40 }, () => b.fire('x.site')); };
    expect(draws(5)).toEqual(draws(5));
    const onSeeds = Array.from({ length: 200 }, (_, s) => draws(s).some(Boolean)).filter(Boolean).length;
    expect(onSeeds).toBeGreaterThan(20); // about a quarter of the runs switch the site on
    expect(onSeeds).toBeLessThan(90);
  });
});
