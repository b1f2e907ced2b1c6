// @faultline/hunt: find the bug — many seeds across threads, swarm fault mixes, buggify, shrinking to a capsule.
export type { ClientRun, Property, RunContext, Scenario, WorkloadBounds } from './scenario.ts';
export { defineScenario } from './scenario.ts';
export { FAULT_FAMILIES, UNIFORM_MIX, describeMix, drawSwarmMix, parseFaults, type FaultFamily, type FaultMix } from './fault-mix.ts';
export { milder, planFaults, toSchedule, type FaultStep } from './fault-plan.ts';
export { runSeed, type Failure, type SeedOptions, type SeedResult } from './run-seed.ts';
export { SeededBuggify } from './buggify-source.ts';
export { ImpurityWatch, type ImpureCall } from './impurity.ts';
export { checkDeterminism, type DeterminismVerdict, type Divergence } from './determinism.ts';
export { ddmin } from './ddmin.ts';
export { shrink, type ShrinkOptions, type ShrinkResult } from './shrink.ts';
export { CAPSULE_FORMAT, CAPSULE_MAX_BYTES, CAPSULE_VERSION, CapsuleError, describePlan, readCapsule, writeCapsule, type Capsule } from './capsule.ts';
export { isScenario, loadScenarios, pickScenario } from './load.ts';
export { hunt, isFailing, type HuntOptions, type HuntProgress, type HuntReport } from './hunt.ts';
export { runSeedTask, handleSeedBatch, handleSeedTask, type SeedBatch, type SeedOutcome, type SeedTask } from './seed-task.ts';
export { PoolTaskError, resolveThreads, ThreadPool, type ThreadPoolOptions } from './pool/thread-pool.ts';
export { capsuleOf } from './capsule-of.ts';
export { SeedRunner, type SeedRunnerOptions } from './seed-runner.ts';
