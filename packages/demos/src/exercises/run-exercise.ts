import { RunRecorder, writeReport } from '@faultline/report';
import type { Exercise, SeedVerdict } from './exercise.ts';

/** How a check over many seeds ended. */
export type ExerciseResult =
  | { readonly status: 'passed'; readonly seeds: readonly number[] }
  | { readonly status: 'failed'; readonly seed: number; readonly verdict: SeedVerdict; readonly checked: number };

/** Runs the exercise's check on each seed in order and stops at the first that fails. */
export async function checkSolution(exercise: Exercise, solution: Readonly<Record<string, unknown>>, seeds: readonly number[]): Promise<ExerciseResult> {
  for (const [i, seed] of seeds.entries()) {
    const verdict = await exercise.run(solution, seed);
    if (!verdict.ok) return { status: 'failed', seed, verdict, checked: i + 1 };
  }
  return { status: 'passed', seeds };
}

/** Runs one seed again, recording it (trace, history, nemesis), and writes its report; returns the page's path. */
export async function reportSeed(exercise: Exercise, solution: Readonly<Record<string, unknown>>, seed: number, dir: string, replay: string): Promise<{ verdict: SeedVerdict; report: string }> {
  const record = new RunRecorder({ dir, title: `exercise ${exercise.name}`, seed, runtime: 'sim', nodes: exercise.nodes, replay, trace: true });
  const verdict = await exercise.run(solution, seed, record);
  return { verdict, report: await writeReport(dir) };
}
