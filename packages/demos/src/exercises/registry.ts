import type { Exercise } from './exercise.ts';
import { fencingTokens } from './checks/fencing-tokens.ts';
import { hlcClock } from './checks/hlc-clock.ts';
import { idempotentCounter } from './checks/idempotent-counter.ts';
import { quorumRead } from './checks/quorum-read.ts';
import { readRepair } from './checks/read-repair.ts';
import { reliableBroadcast } from './checks/reliable-broadcast.ts';

/** Every checked exercise, in chapter order: what `faultline exercise` lists and checks. */
export const EXERCISES: readonly Exercise[] = [idempotentCounter, reliableBroadcast, hlcClock, quorumRead, readRepair, fencingTokens];

/** The exercise named `name`, or undefined. */
export function exerciseNamed(name: string): Exercise | undefined {
  return EXERCISES.find((e) => e.name === name);
}
