// Shared helpers for the checker's tests: tiny history builders and the corpus location.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HistoryEvent, JsonValue, Operation, OpFunction, OpStatus } from '../src/index.ts';

/** One operation as a test writes it: `[process, f, input, output, call, return, status?, key?]`. */
export type OpRow = [number, OpFunction, JsonValue, JsonValue, number, number, OpStatus?, string?];

/** Builds operations from rows; status defaults to ok, and an unknown op gets return Infinity. */
export function ops(...rows: OpRow[]): Operation[] {
  return rows.map(([process, f, input, output, call, ret, status = 'ok', key], id) => ({
    id,
    process,
    f,
    key,
    input,
    output: status === 'unknown' ? null : output,
    call,
    return: status === 'unknown' ? Infinity : ret,
    status,
  }));
}

/** Builds an event; time defaults to 0 so tests can focus on ordering. */
export function ev(type: HistoryEvent['type'], process: number, f: OpFunction, value: JsonValue, time = 0, key?: string): HistoryEvent {
  return key === undefined ? { type, process, f, value, time } : { type, process, f, key, value, time };
}

/**
 * The Porcupine corpus (`shared/corpora/porcupine`), found by walking up from this file: it sits
 * next to the repository (../shared from the repo root). Throws when missing: the conformance
 * suite must fail loudly rather than skip.
 */
export function corpusDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'shared', 'corpora', 'porcupine');
    if (existsSync(join(candidate, 'README.md'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `Porcupine corpus not found: looked for shared/corpora/porcupine/README.md in every directory above ${fileURLToPath(import.meta.url)}`,
      );
    }
    dir = parent;
  }
}
