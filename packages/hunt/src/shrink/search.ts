import type { FaultStep } from '../fault-plan.ts';
import { runSeed, type Failure, type SeedResult } from '../run-seed.ts';
import type { Scenario, WorkloadBounds } from '../scenario.ts';

/** One candidate run of a shrink: everything a capsule records. */
export interface Candidate {
  readonly seed: number;
  readonly plan: readonly FaultStep[];
  readonly bounds: WorkloadBounds;
  readonly buggify: boolean;
}

/** A failing run together with the candidate that produced it. */
export type FailingRun = SeedResult & { readonly failure: Failure };

/** The budget of one shrink, and who hears each candidate. */
export interface ShrinkLimits {
  readonly timeLimitMs: number;
  readonly maxRuns: number;
  readonly onCandidate?: (runs: number, kept: boolean) => void;
}

/**
 * The state of one shrink: the smallest failing candidate so far, the budget, and `attempt`, which
 * runs a candidate in a fresh simulator and keeps it when it breaks the same property. The passes
 * (same seed, other seeds) only propose candidates; they know nothing of the scenario's protocol.
 */
export class ShrinkSearch<S> {
  best: FailingRun;
  current: Candidate;
  runs = 0;
  private readonly started = performance.now();

  readonly scenario: Scenario<S>;
  readonly original: FailingRun;
  private readonly limits: ShrinkLimits;

  constructor(scenario: Scenario<S>, original: FailingRun, limits: ShrinkLimits) {
    this.scenario = scenario;
    this.original = original;
    this.limits = limits;
    this.best = original;
    this.current = {
      seed: original.seed,
      plan: original.plan.filter((s) => s.at < original.workloadMs),
      bounds: { ...original.bounds, operations: Math.min(original.bounds.operations, original.operations) },
      buggify: !original.buggify.startsWith('buggify off'),
    };
  }

  /** The property the shrunk run must still break. */
  get target(): string {
    return this.original.failure.property;
  }

  get elapsedMs(): number {
    return performance.now() - this.started;
  }

  /** True once the run or time budget is used up: every pass stops proposing then. */
  spent(): boolean {
    return this.runs >= this.limits.maxRuns || this.elapsedMs > this.limits.timeLimitMs;
  }

  /** Runs `c`; keeps it (as `current` and `best`) when it fails the same property and is no larger. */
  async attempt(c: Candidate): Promise<boolean> {
    if (this.spent()) return false;
    this.runs++;
    const r = await runSeed(this.scenario, { seed: c.seed, plan: c.plan, bounds: c.bounds, buggify: c.buggify, mix: this.original.mix });
    const kept = r.failure?.property === this.target && r.operations <= this.best.operations;
    this.limits.onCandidate?.(this.runs, kept);
    if (kept) {
      this.best = r as FailingRun;
      // The bound shrinks to what the run used: later passes start from there.
      this.current = { ...c, bounds: { ...c.bounds, operations: Math.min(c.bounds.operations, r.operations) } };
    }
    return kept;
  }

  /** A key of the current candidate, to tell whether a round changed anything. */
  key(): string {
    return JSON.stringify(this.current);
  }
}
