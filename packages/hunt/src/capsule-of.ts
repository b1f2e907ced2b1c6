import { resolve } from 'node:path';
import type { Capsule } from './capsule.ts';
import type { ShrinkResult } from './shrink.ts';

/** The capsule of a shrink: the shrunk run, with the original's size beside it. */
export function capsuleOf(file: string, scenario: string, s: ShrinkResult): Capsule {
  return {
    format: 'faultline-capsule', version: 1, file: resolve(file), scenario, seed: s.shrunk.seed, buggify: s.buggify,
    bounds: s.shrunk.bounds, plan: s.shrunk.plan, mix: s.shrunk.mix, failure: s.shrunk.failure,
    original: { operations: s.original.operations, faults: s.original.faultsRun },
    shrunk: { operations: s.shrunk.operations, faults: s.shrunk.faultsRun },
  };
}
