import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// From src/exercises/ and from dist/exercises/ alike, packages/demos/exercises/ is two levels up.
const here = dirname(fileURLToPath(import.meta.url));

/** packages/demos/exercises/: one folder per exercise, with starter.ts, reference.ts and wrong.ts. */
export const EXERCISES_DIR = resolve(here, '../../exercises');

/** The three files every checked exercise has. */
export type ExerciseFile = 'starter' | 'reference' | 'wrong';

/** The path of one of an exercise's files. */
export function exerciseFile(name: string, file: ExerciseFile): string {
  return join(EXERCISES_DIR, name, `${file}.ts`);
}
