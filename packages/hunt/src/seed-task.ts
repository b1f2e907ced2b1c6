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

/** Seeds of one test file sent to a pool thread in one message. */
export interface SeedBatch {
  readonly file: string;
  readonly tasks: readonly SeedTask[];
}

let loaded: { file: string; scenarios: Promise<Scenario<unknown>[]> } | undefined;

function scenariosOf(file: string): Promise<Scenario<unknown>[]> {
  if (loaded?.file !== file) loaded = { file, scenarios: loadScenarios(file) };
  return loaded.scenarios;
}

/** A pool thread's handler for one seed: loads the test file once per thread, then runs the task. */
export async function handleSeedTask(input: { file: string; task: SeedTask }): Promise<SeedOutcome> {
  return runSeedTask(await scenariosOf(input.file), input.task);
}

/** A pool thread's handler for a batch: the seeds one after another, on the thread's warm simulator code. */
export async function handleSeedBatch(input: SeedBatch): Promise<SeedOutcome[]> {
  const scenarios = await scenariosOf(input.file);
  const outcomes: SeedOutcome[] = [];
  for (const task of input.tasks) outcomes.push(await runSeedTask(scenarios, task));
  return outcomes;
}
