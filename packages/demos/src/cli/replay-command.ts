import { resolve } from 'node:path';
import { ConfigError } from '@faultline/core';
import { describePlan, loadScenarios, pickScenario, readCapsule, runSeed } from '@faultline/hunt';
import { parseArgs, rejectUnknown } from './args.ts';
import { callerDirectory } from './caller-dir.ts';

/** Exit codes: 1 the capsule's failure is reproduced, 0 the run now passes. */
export const REPLAY_EXIT = { passes: 0, reproduced: 1 } as const;

/**
 * `faultline replay CAPSULE`: runs a capsule's scenario with its seed, bounds and explicit fault
 * plan, and says whether the same property fails again. The capsule names its test file, which is
 * imported as `faultline test FILE` would: replay only capsules you made or trust.
 */
export async function runReplayCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, []);
  rejectUnknown(args, []);
  const [path] = args.positionals;
  if (path === undefined) throw new ConfigError('CAPSULE', undefined, 'faultline replay CAPSULE needs a capsule file written by faultline test');
  const capsule = readCapsule(resolve(callerDirectory(process.env, process.cwd()), path));
  const scenario = pickScenario(await loadScenarios(capsule.file), capsule.scenario);
  out(`replaying ${capsule.scenario} seed ${capsule.seed} from ${capsule.file}: ${capsule.bounds.operations} operations, ${capsule.bounds.clients} clients, buggify ${capsule.buggify ? 'on' : 'off'}`);
  for (const line of describePlan(capsule.plan)) out(line);
  const r = await runSeed(scenario, { seed: capsule.seed, plan: capsule.plan, bounds: capsule.bounds, buggify: capsule.buggify, mix: capsule.mix });
  if (r.failure?.property === capsule.failure.property) {
    out(`reproduced: ${r.failure.property}: ${r.failure.explanation}`);
    return REPLAY_EXIT.reproduced;
  }
  out(r.failure ? `a different property failed: ${r.failure.property}: ${r.failure.explanation}` : `passes now: ${capsule.failure.property} holds (the capsule recorded: ${capsule.failure.explanation})`);
  return r.failure ? REPLAY_EXIT.reproduced : REPLAY_EXIT.passes;
}
