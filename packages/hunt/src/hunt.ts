import { resolve } from 'node:path';
import type { FaultMix } from './fault-mix.ts';
import { loadScenarios, pickScenario } from './load.ts';
import { SeedRunner } from './seed-runner.ts';
import type { SeedOutcome, SeedTask } from './seed-task.ts';

/** What `faultline test` asks for. */
export interface HuntOptions {
  readonly file: string;
  readonly scenario?: string;
  /** First and last seed, inclusive. */
  readonly seeds: { readonly from: number; readonly to: number };
  /** Threads, each with its own simulator; 1 runs in this thread. */
  readonly workers: number;
  /** A fixed mix for every seed; absent: each seed draws a swarm mix. */
  readonly mix?: FaultMix;
  readonly buggify?: boolean;
  /** Stop handing out seeds after this much wall time. */
  readonly timeLimitMs?: number;
  readonly checkDeterminism?: boolean;
  /** Seeds per message to a worker thread (default: about an eighth of each thread's share, 1 to 16). */
  readonly batch?: number;
  /** Stop after this many failing seeds (default: check every seed). */
  readonly maxFailures?: number;
  /** Called after every seed, in completion order. */
  readonly onSeed?: (outcome: SeedOutcome, progress: HuntProgress) => void;
}

/** How far a hunt has got. */
export interface HuntProgress {
  readonly checked: number;
  readonly total: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

/** What a hunt found. */
export interface HuntReport {
  readonly scenario: string;
  readonly checked: number;
  /** Failing seeds (a broken property, a divergence, or actor code calling impure globals), in seed order. */
  readonly failures: SeedOutcome[];
  readonly elapsedMs: number;
  /** The lowest seed that failed, if any. */
  readonly firstFailingSeed?: number;
  readonly stoppedBy?: 'time-limit' | 'max-failures';
}

/** Batches small enough that every thread gets about eight (the last ones even out the threads' finish), at most 16 seeds. */
function defaultBatch(total: number, workers: number): number {
  return Math.max(1, Math.min(16, Math.floor(total / (workers * 8))));
}

/** True when a seed's outcome is a failure of the run (a property, determinism, or purity). */
export function isFailing(o: SeedOutcome): boolean {
  return o.result.failure !== undefined || o.divergence !== undefined || o.result.impure.length > 0;
}

/**
 * Checks a range of seeds of one scenario, across worker threads (each seed is a fresh simulator
 * on whichever thread is free: the result depends on the seed alone, not on the thread or the
 * worker count).
 */
export async function hunt(options: HuntOptions): Promise<HuntReport> {
  const file = resolve(options.file);
  const scenario = pickScenario(await loadScenarios(file), options.scenario);
  const started = performance.now();
  const total = options.seeds.to - options.seeds.from + 1;
  let checked = 0;
  let stoppedBy: HuntReport['stoppedBy'];
  const failures: SeedOutcome[] = [];
  function* tasks(): Generator<SeedTask> {
    for (let seed = options.seeds.from; seed <= options.seeds.to; seed++) {
      if (options.timeLimitMs !== undefined && performance.now() - started > options.timeLimitMs) { stoppedBy = 'time-limit'; return; }
      yield { scenario: scenario.name, seed, buggify: options.buggify ?? true, checkDeterminism: options.checkDeterminism ?? false, ...(options.mix ? { mix: options.mix } : {}) };
    }
  }
  const onOutput = (outcome: SeedOutcome): boolean => {
    checked++;
    if (isFailing(outcome)) failures.push(outcome);
    options.onSeed?.(outcome, { checked, total, failed: failures.length, elapsedMs: performance.now() - started });
    if (options.maxFailures !== undefined && failures.length >= options.maxFailures) { stoppedBy = 'max-failures'; return false; }
    return true;
  };
  const runner = new SeedRunner({ file, workers: options.workers, batch: options.batch ?? defaultBatch(total, options.workers) });
  try {
    await runner.run(tasks(), onOutput);
  } finally {
    await runner.close();
  }
  failures.sort((a, b) => a.result.seed - b.result.seed);
  const first = failures[0]?.result.seed;
  return { scenario: scenario.name, checked, failures, elapsedMs: performance.now() - started, ...(first !== undefined ? { firstFailingSeed: first } : {}), ...(stoppedBy ? { stoppedBy } : {}) };
}
