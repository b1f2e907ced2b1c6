import type { AskOutcome } from '@faultline/core';

/** How a recorded operation completed: `ok` it happened, `fail` it definitely did not, `info` unknown. */
export type Completion = 'ok' | 'fail' | 'info';

/**
 * The history completion for an ask's outcome: `ok` → ok, a definite `failed` → fail, and
 * `unknown` (timeout, crash mid-handler, indeterminate) → info, never fail (Maelstrom's rule).
 */
export function completionOf(outcome: AskOutcome<unknown>): Completion {
  switch (outcome.status) {
    case 'ok':
      return 'ok';
    case 'failed':
      return 'fail';
    case 'unknown':
      return 'info';
    default: {
      const never: never = outcome;
      throw new Error(`unknown ask outcome ${JSON.stringify(never)}`);
    }
  }
}
