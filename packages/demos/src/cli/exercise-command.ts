import { existsSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, FaultlineError } from '@faultline/core';
import { exerciseFile } from '../exercises/folders.ts';
import { EXERCISES, exerciseNamed } from '../exercises/registry.ts';
import { checkSolution, reportSeed } from '../exercises/run-exercise.ts';
import { parseArgs, rejectUnknown, stringOption } from './args.ts';
import { callerDirectory } from './caller-dir.ts';
import { parseSeedRange } from './test-command.ts';

/** Exit codes: 0 the solution passed every seed, 1 a seed failed (64 for usage errors, as everywhere). */
export const EXERCISE_EXIT = { passed: 0, failed: 1 } as const;

const VALUE_FLAGS = ['check', 'seeds', 'seed', 'out'];

/**
 * `faultline exercise [NAME] [--check FILE] [--seeds FROM..TO | --seed N] [--out DIR]`: with no
 * name lists the checked exercises; with a name and no file prints the task; with `--check FILE`
 * runs the student's solution against the exercise's check (a fresh simulator per seed, its
 * nemesis, its checker) and prints pass, or the first failing seed with its replay line and report.
 */
export async function runExerciseCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, VALUE_FLAGS);
  rejectUnknown(args, VALUE_FLAGS);
  const [name, ...extra] = args.positionals;
  if (extra.length > 0) throw new FaultlineError('bad-option', `one exercise name only; got ${args.positionals.join(' ')}`);
  const here = callerDirectory(process.env, process.cwd());
  if (name === undefined) {
    out('Checked exercises (faultline exercise NAME prints the task):');
    for (const e of EXERCISES) out(`  ${e.name.padEnd(20)} docs/${e.chapter}: ${e.title}`);
    return 0;
  }
  const exercise = exerciseNamed(name);
  if (exercise === undefined) throw new ConfigError('NAME', name, `must be one of ${EXERCISES.map((e) => e.name).join(', ')}`);
  const starter = relative(here, exerciseFile(exercise.name, 'starter')) || exerciseFile(exercise.name, 'starter');
  const checkArg = stringOption(args, 'check');
  if (checkArg === undefined) {
    out(`exercise ${exercise.name} (docs/${exercise.chapter}): ${exercise.title}\n`);
    out(exercise.task);
    out(`\nStart from ${starter} (copy it, keep the export), then check it:`);
    out(`  faultline exercise ${exercise.name} --check YOUR-FILE.ts`);
    out(`The check runs seeds 1..${exercise.seeds} in the simulator; the starter fails it.`);
    return 0;
  }
  const file = resolve(here, checkArg);
  if (!existsSync(file) || !statSync(file).isFile()) throw new ConfigError('--check', checkArg, 'must be a solution file (.ts or .js), such as a copy of the starter');
  const oneSeed = stringOption(args, 'seed');
  const range = parseSeedRange(oneSeed ?? stringOption(args, 'seeds') ?? `1..${exercise.seeds}`);
  if (oneSeed !== undefined && range.from !== range.to) throw new ConfigError('--seed', oneSeed, 'must be one seed (use --seeds for a range)');
  const seeds = Array.from({ length: range.to - range.from + 1 }, (_, i) => range.from + i);
  const solution = await loadSolution(file);
  const outDir = resolve(here, stringOption(args, 'out') ?? 'runs');
  const replay = (seed: number) => `faultline exercise ${exercise.name} --check ${checkArg} --seed ${seed}`;
  out(`faultline exercise ${exercise.name} --check ${checkArg}: seeds ${range.from}..${range.to} in the simulator`);
  const result = await checkSolution(exercise, solution, seeds);
  if (result.status === 'passed' && oneSeed === undefined) {
    out(`pass: ${seeds.length} seeds checked, none failed`);
    return EXERCISE_EXIT.passed;
  }
  const seed = result.status === 'failed' ? result.seed : range.from;
  // One folder per exercise, solution file and seed: a starter's run never overwrites a solution's.
  const solutionName = basename(file).replace(/\.[cm]?[jt]s$/, '').replace(/[^A-Za-z0-9_-]+/g, '-');
  const dir = join(outDir, `exercise-${exercise.name}-${solutionName}-${seed}`);
  const { verdict, report } = await reportSeed(exercise, solution, seed, dir, replay(seed));
  if (verdict.ok) {
    out(`pass: seed ${seed}: ${verdict.explanation}`);
    out(`report: ${report}`);
    return EXERCISE_EXIT.passed;
  }
  out(`FAIL: seed ${seed}${result.status === 'failed' ? ` (after ${result.checked - 1} seeds passed)` : ''}`);
  for (const line of verdict.explanation.split('\n').slice(0, 24)) out(`  ${line}`);
  out(`    replay: ${replay(seed)}`);
  out(`report: ${report}`);
  return EXERCISE_EXIT.failed;
}

/**
 * Imports the solution file the student named (as a test runner imports a test file). Under the
 * built command Node cannot load TypeScript, so for a .ts file tsx's loader is registered first.
 */
async function loadSolution(file: string): Promise<Readonly<Record<string, unknown>>> {
  const url = pathToFileURL(file).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { register } = await import('tsx/esm/api');
    register();
    // Node keeps the failed load of `url` in its module map: ask for the file under a new URL.
    return (await import(`${url}?with-tsx`)) as Record<string, unknown>;
  }
}
