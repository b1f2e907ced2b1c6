import type { Failure, SeedResult } from './run-seed.ts';
import type { Scenario } from './scenario.ts';
import { shrinkOnOtherSeeds } from './shrink/other-seeds.ts';
import { shrinkSameSeed } from './shrink/same-seed.ts';
import { ShrinkSearch } from './shrink/search.ts';

/** Limits of one shrink. */
export interface ShrinkOptions {
  /** Wall time the shrink may take. Default 110 s (the bound is 2 minutes). */
  readonly timeLimitMs?: number;
  /** Candidate runs it may try. Default 3000. */
  readonly maxRuns?: number;
  /** Called after each candidate run. */
  readonly onCandidate?: (runs: number, kept: boolean) => void;
}

/** The smallest failing run found, and what it took to find. */
export interface ShrinkResult {
  readonly original: SeedResult;
  /** The smallest failing run; its seed may differ from the original's (the capsule records it). */
  readonly shrunk: SeedResult & { readonly failure: Failure };
  readonly buggify: boolean;
  readonly runs: number;
  readonly elapsedMs: number;
}

/** Rounds of (same seed, then other seeds) before the shrink stops even when it still makes progress. */
const MAX_ROUNDS = 4;

/**
 * Looks for a smaller run that breaks the same property: first on the failing seed (fewer
 * operations, ddmin over the fault plan, faults earlier, fewer clients, a shorter run, milder
 * faults, buggify off), then under other seeds with a smaller workload and the shrunk plan, and
 * again on the seed that found it. Every candidate is a fresh simulator run; rounds repeat until
 * nothing shrinks or the budget is spent. Deterministic: the same failing run and budget give the
 * same capsule.
 */
export async function shrink<S>(scenario: Scenario<S>, failing: SeedResult, options: ShrinkOptions = {}): Promise<ShrinkResult> {
  if (failing.failure === undefined) throw new Error(`seed ${failing.seed} did not fail: nothing to shrink`);
  const search = new ShrinkSearch(scenario, failing as SeedResult & { failure: Failure }, {
    timeLimitMs: options.timeLimitMs ?? 110_000, maxRuns: options.maxRuns ?? 3000, ...(options.onCandidate ? { onCandidate: options.onCandidate } : {}),
  });
  for (let round = 0; round < MAX_ROUNDS && !search.spent(); round++) {
    const before = search.key();
    await shrinkSameSeed(search);
    const elsewhere = await shrinkOnOtherSeeds(search, round);
    if (!elsewhere && search.key() === before) break;
  }
  return { original: failing, shrunk: search.best, buggify: search.current.buggify, runs: search.runs, elapsedMs: search.elapsedMs };
}
