import { createRng } from '@faultline/core';
import { fault, select, type NemesisStep } from '@faultline/transport';

/**
 * A seeded schedule that keeps the network lossy and duplicating on every link from 0 ms until
 * `untilMs`, and crashes `target` for 100–300 ms every 300–700 ms: lost replies then retries that
 * land before and after a restart, the mix that shows whether an operation is idempotent.
 */
export function lossyWithCrashes(seed: number, target: string, untilMs: number): NemesisStep[] {
  const rng = createRng(seed).derive('exercise-crashes');
  const steps: NemesisStep[] = [
    { at: 0, do: { kind: 'link-fault', tag: 'lossy', target: select.all(), fault: fault.drop(0.25) } },
    { at: 0, do: { kind: 'link-fault', tag: 'dup', target: select.all(), fault: fault.duplicate(0.2) } },
  ];
  for (let t = 300 + rng.int(400); t < untilMs - 400; t += 300 + rng.int(400)) {
    const down = 100 + rng.int(200);
    steps.push({ at: t, do: { kind: 'crash', nodes: [target] } }, { at: t + down, do: { kind: 'restart', nodes: [target] } });
    t += down;
  }
  steps.push({ at: untilMs, do: { kind: 'remove-link-fault', tag: 'lossy' } }, { at: untilMs, do: { kind: 'remove-link-fault', tag: 'dup' } });
  return steps;
}
