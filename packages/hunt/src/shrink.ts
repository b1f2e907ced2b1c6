import { milder, type FaultStep } from './fault-plan.ts';
import { ddmin } from './ddmin.ts';
import { runSeed, type Failure, type SeedResult } from './run-seed.ts';
import type { Scenario, WorkloadBounds } from './scenario.ts';

/** Limits of one shrink. */
export interface ShrinkOptions {
  /** Wall time the shrink may take. Default 110 s (the bound is 2 minutes). */
  readonly timeLimitMs?: number;
  /** Candidate runs it may try. Default 2000. */
  readonly maxRuns?: number;
  /** Called after each candidate run. */
  readonly onCandidate?: (runs: number, kept: boolean) => void;
}

/** The smallest failing run found, and what it took to find. */
export interface ShrinkResult {
  readonly original: SeedResult;
  readonly shrunk: SeedResult & { readonly failure: Failure };
  readonly buggify: boolean;
  readonly runs: number;
  readonly elapsedMs: number;
}

/**
 * Looks for a smaller run of the same seed that breaks the same property: fewer operations
 * (bisection: the run is the same up to where the bound stops it), fewer fault steps (ddmin over
 * the explicit plan), faults earlier (so fewer operations precede them), fewer clients, a shorter
 * run, milder faults, buggify off. Each candidate is
 * a fresh simulator run; rounds repeat until nothing shrinks or the budget is spent.
 */
export async function shrink<S>(scenario: Scenario<S>, failing: SeedResult, options: ShrinkOptions = {}): Promise<ShrinkResult> {
  const target = failing.failure?.property;
  if (target === undefined) throw new Error(`seed ${failing.seed} did not fail: nothing to shrink`);
  const started = performance.now();
  const limit = options.timeLimitMs ?? 110_000;
  const maxRuns = options.maxRuns ?? 2000;
  let runs = 0;
  let best = failing as SeedResult & { failure: Failure };
  let plan: readonly FaultStep[] = failing.plan.filter((s) => s.at < failing.workloadMs);
  let bounds: WorkloadBounds = { ...failing.bounds, operations: Math.min(failing.bounds.operations, failing.operations) };
  let buggify = !failing.buggify.startsWith('buggify off');
  const spent = () => runs >= maxRuns || performance.now() - started > limit;
  const attempt = async (p: readonly FaultStep[], b: WorkloadBounds, bug: boolean): Promise<boolean> => {
    if (spent()) return false;
    runs++;
    const r = await runSeed(scenario, { seed: failing.seed, plan: p, bounds: b, buggify: bug, mix: failing.mix });
    const kept = r.failure?.property === target;
    options.onCandidate?.(runs, kept);
    if (kept) { best = r as typeof best; plan = p; bounds = b; buggify = bug; }
    return kept;
  };
  for (let round = 0, changed = true; changed && round < 4 && !spent(); round++) {
    const before = JSON.stringify([plan, bounds, buggify]);
    // Operations: the smallest bound that still fails, by bisection.
    let lo = 1;
    let hi = bounds.operations;
    while (lo < hi && !spent()) {
      const mid = Math.floor((lo + hi) / 2);
      if (await attempt(plan, { ...bounds, operations: mid }, buggify)) hi = mid;
      else lo = mid + 1;
    }
    // Fault steps: only those that ran matter; then a 1-minimal set of them.
    const ran = plan.filter((s) => s.at < best.workloadMs);
    if (ran.length < plan.length) await attempt(ran, bounds, buggify);
    await ddmin(plan, (subset) => (subset.length === plan.length ? Promise.resolve(true) : attempt(subset, bounds, buggify)));
    // Faults earlier: a failure late in the run needs every operation before it; moving the
    // whole plan earlier often fails as well, and then the next round's bisection cuts operations.
    const first = Math.min(...plan.map((s) => s.at));
    for (const frac of [1, 0.5, 0.25]) {
      const shift = Math.floor(first * frac);
      if (plan.length > 0 && shift >= 1 && (await attempt(plan.map((s) => ({ ...s, at: s.at - shift })), bounds, buggify))) break;
    }
    while (bounds.clients > 1 && (await attempt(plan, { ...bounds, clients: bounds.clients - 1 }, buggify)));
    while (bounds.durationMs > 100 && (await attempt(plan, { ...bounds, durationMs: Math.floor(bounds.durationMs / 2) }, buggify)));
    for (let i = 0; i < plan.length; i++) {
      for (let m = milder(plan[i]!); m !== undefined; m = milder(m)) {
        const next = plan.map((s, j) => (j === i ? m! : s));
        if (!(await attempt(next, bounds, buggify))) break;
      }
    }
    if (buggify) await attempt(plan, bounds, false);
    changed = JSON.stringify([plan, bounds, buggify]) !== before;
  }
  return { original: failing, shrunk: best, buggify, runs, elapsedMs: performance.now() - started };
}
