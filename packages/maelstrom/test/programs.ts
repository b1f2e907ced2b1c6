import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NodeProgram } from '../src/index.ts';

/** Folder of the test node programs (JS modules that also run as processes, and one Python program). */
export const PROGRAMS = join(dirname(fileURLToPath(import.meta.url)), '..', 'programs');

/** Loads a test program's exported `program` for in-process (simulator) runs. */
export async function loadProgram(file: string): Promise<NodeProgram> {
  const mod = (await import(join(PROGRAMS, file))) as { program: NodeProgram };
  return mod.program;
}
