import { resolve } from 'node:path';
import { ConfigError } from '@faultline/core';
import { capsuleFields, explore, loadSpecs, pickSpec, readExploreCapsule, replayChoices, writeExploreCapsule, type Strategy } from '@faultline/explore';
import { parseArgs, rejectUnknown, stringOption } from './args.ts';
import { callerDirectory } from './caller-dir.ts';

/** Exit codes: 0 no violation found, 1 a violation found (or reproduced by --replay). */
export const EXPLORE_EXIT = { clean: 0, violated: 1 } as const;

const VALUE_FLAGS = ['spec', 'strategy', 'max-depth', 'max-drops', 'max-duplicates', 'max-in-flight', 'max-states', 'time-limit-ms', 'seed', 'walks', 'pct-depth', 'capsule', 'replay'];
const STRATEGIES: readonly Strategy[] = ['bfs', 'dfs', 'random', 'pct'];

function wholeOption(args: ReturnType<typeof parseArgs>, name: string): number | undefined {
  const v = stringOption(args, name);
  if (v === undefined) return undefined;
  if (!/^\d{1,12}$/.test(v)) throw new ConfigError(`--${name}`, v, 'must be a whole number ≥ 0');
  return Number(v);
}

/**
 * `faultline explore FILE`: searches every schedule of an explore spec within bounds (chapter 19),
 * prints the first violation's trace and writes a capsule; `--replay CAPSULE` runs one again.
 */
export async function runExploreCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, VALUE_FLAGS);
  rejectUnknown(args, VALUE_FLAGS);
  const here = callerDirectory(process.env, process.cwd());
  const replay = stringOption(args, 'replay');
  if (replay !== undefined) {
    const capsule = readExploreCapsule(resolve(here, replay));
    const spec = pickSpec(await loadSpecs(capsule.file), capsule.spec);
    const world = await replayChoices(spec, capsule.choices, { maxDrops: capsule.maxDrops, maxDuplicates: capsule.maxDuplicates });
    out(`replaying ${capsule.spec} from ${capsule.file}: ${capsule.choices.length} choices`);
    for (const line of world.trace) out(`  ${line}`);
    const broken = [...(spec.invariants ?? []), ...(world.enabled().length === 0 ? spec.atEnd ?? [] : [])].find((p) => p.name === capsule.property);
    const why = broken?.check(world.state);
    out(why === undefined ? `passes now: ${capsule.property} holds` : `reproduced: ${capsule.property}: ${why}`);
    return why === undefined ? EXPLORE_EXIT.clean : EXPLORE_EXIT.violated;
  }
  const [fileArg] = args.positionals;
  if (fileArg === undefined) throw new ConfigError('FILE', undefined, 'faultline explore FILE needs a file exporting explore specs (or --replay CAPSULE)');
  const file = resolve(here, fileArg);
  const spec = pickSpec(await loadSpecs(file), stringOption(args, 'spec'));
  const strategy = (stringOption(args, 'strategy') ?? 'bfs') as Strategy;
  if (!STRATEGIES.includes(strategy)) throw new ConfigError('--strategy', strategy, `must be one of ${STRATEGIES.join(', ')}`);
  const num = (n: string) => wholeOption(args, n);
  const options = {
    strategy,
    ...(num('max-depth') === undefined ? {} : { maxDepth: num('max-depth')! }),
    ...(num('max-drops') === undefined ? {} : { maxDrops: num('max-drops')! }),
    ...(num('max-duplicates') === undefined ? {} : { maxDuplicates: num('max-duplicates')! }),
    ...(num('max-in-flight') === undefined ? {} : { maxInFlight: num('max-in-flight')! }),
    ...(num('max-states') === undefined ? {} : { maxStates: num('max-states')! }),
    ...(num('time-limit-ms') === undefined ? {} : { timeLimitMs: num('time-limit-ms')! }),
    ...(num('walks') === undefined ? {} : { walks: num('walks')! }),
    ...(num('pct-depth') === undefined ? {} : { pctDepth: num('pct-depth')! }),
    seed: num('seed') ?? 1,
  };
  const sampled = strategy === 'random' || strategy === 'pct';
  out(`faultline explore ${fileArg}: spec ${spec.name}, strategy ${strategy}${sampled ? `, seed ${options.seed}` : ''}, drops ≤ ${options.maxDrops ?? 0}, duplicates ≤ ${options.maxDuplicates ?? 0}, depth ≤ ${options.maxDepth ?? 30}`);
  const result = await explore(spec, options);
  const s = result.stats;
  out(`${s.uniqueStates} unique states of ${s.statesVisited} visited, depth ${s.maxDepth}, ${Math.round(s.statesPerSecond)} states/s, ${(s.elapsedMs / 1000).toFixed(1)} s; ${s.exhausted ? 'the bounded space is exhausted' : `not exhausted (${s.cutByDepth} paths cut at the depth bound, ${s.cutByInFlight} at the in-flight bound${sampled ? '; sampling never exhausts' : ''})`}`);
  for (const [goal] of Object.entries(result.goalsReached)) out(`goal reached: ${goal}`);
  for (const goal of result.goalsUnreached) out(`goal NOT reached: ${goal}`);
  if (!result.violation) {
    out('no violation found');
    return EXPLORE_EXIT.clean;
  }
  const v = result.violation;
  out(`VIOLATION of "${v.property}" after ${v.choices.length} steps${strategy === 'bfs' ? ' (breadth-first: no shorter path breaks it)' : ''}: ${v.explanation}`);
  for (const line of v.trace) out(`  ${line}`);
  const capsulePath = resolve(here, stringOption(args, 'capsule') ?? `${spec.name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.explore.json`);
  writeExploreCapsule(capsulePath, capsuleFields(file, spec.name, options, v));
  out(`capsule: ${capsulePath}\n    replay: faultline explore --replay ${capsulePath}`);
  return EXPLORE_EXIT.violated;
}
