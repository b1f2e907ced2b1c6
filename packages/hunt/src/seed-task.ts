import { checkDeterminism, type Divergence } from './determinism.ts';
import type { FaultMix } from './fault-mix.ts';
import { loadScenarios, pickScenario } from './load.ts';
import { runSeed, type SeedResult } from './run-seed.ts';
import type { Scenario } from './scenario.ts';

/** One seed to check: plain data, so it crosses to a worker thread. */
export interface SeedTask {
  readonly scenario: string;
  readonly seed: number;
  readonly mix?: FaultMix;
  readonly buggify: boolean;
  readonly checkDeterminism: boolean;
}

/** What checking one seed found. */
export interface SeedOutcome {
  readonly result: SeedResult;
  /** Set by the determinism check when two runs of the seed differed. */
  readonly divergence?: Divergence;
}

/** Runs one task against loaded scenarios (in-process, or inside a pool worker). */
export async function runSeedTask(scenarios: readonly Scenario<unknown>[], task: SeedTask): Promise<SeedOutcome> {
  const scenario = pickScenario(scenarios, task.scenario);
  const options = { seed: task.seed, buggify: task.buggify, ...(task.mix ? { mix: task.mix } : {}) };
  if (!task.checkDeterminism) return { result: await runSeed(scenario, options) };
  const verdict = await checkDeterminism(scenario, options);
  return { result: verdict.result, ...(verdict.divergence ? { divergence: verdict.divergence } : {}) };
}

let loaded: { file: string; scenarios: Promise<Scenario<unknown>[]> } | undefined;

/** The pool worker's handler: loads the test file once per thread, then runs each task. */
export async function handleSeedTask(input: { file: string; task: SeedTask }): Promise<SeedOutcome> {
  if (loaded?.file !== input.file) loaded = { file: input.file, scenarios: loadScenarios(input.file) };
  return runSeedTask(await loaded.scenarios, input.task);
}
