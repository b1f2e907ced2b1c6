import type { NemesisLogEntry } from '@faultline/transport';

/**
 * When a nemesis step ran, on the clock the operations are stamped with (the scheduler's, from
 * the run's start): the target's `now` as the step ran; without it, the schedule time `at` —
 * which counts from the nemesis's start, after every node answered init — moved by that start-up.
 */
export function nemesisTime(e: Pick<NemesisLogEntry, 'at' | 'now'>, startupMs: number): number {
  return e.now ?? e.at + startupMs;
}
