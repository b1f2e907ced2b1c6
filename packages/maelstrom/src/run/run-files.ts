import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The run folder: where a test keeps its history, each node's stderr, protocol errors and results. */
export class RunFiles {
  readonly dir: string | undefined;

  constructor(dir: string | undefined) {
    this.dir = dir;
    if (dir !== undefined) mkdirSync(dir, { recursive: true });
  }

  /** Path of a file in the run folder, or undefined when there is no folder. */
  path(name: string): string | undefined {
    return this.dir === undefined ? undefined : join(this.dir, name);
  }

  write(name: string, text: string): void {
    const p = this.path(name);
    if (p !== undefined) writeFileSync(p, text);
  }
}
