import type { Operation } from '../history/operation.ts';
import { canonicalJson, type JsonValue } from '../history/value.ts';
import { ModelInputError, REJECTED, type Model, type Prepared, type StepResult } from './model.ts';
import { partitionByKey } from './partition.ts';
import { whyLog } from './why/log.ts';

/** A log operation on one key: append one entry, or read the whole log. */
export type LogInput = { f: 'read' } | { f: 'append'; entry: string };

/** What a log operation was seen to return: the log a read returned, or plain completion. */
export type LogOutput = { kind: 'log'; log: string; applied: StepResult<string> } | { kind: 'done' };

// A log is kept as its entries in canonical JSON, each followed by NUL, which canonical JSON
// never contains unescaped: appending is a string concatenation, comparing two logs one `===`.
const END = '\u0000';
const READ: LogInput = { f: 'read' };
const DONE: LogOutput = { kind: 'done' };

/**
 * An append-only log per key, initially empty (Maelstrom's kafka-style workloads, simplified):
 * `append` adds its value at the end; `read` returns every entry so far, in order, as an array
 * (nil reads as empty). Keys are independent, so each key is checked as its own partition.
 * Catches lost appends, reordered entries, duplicates, and reads that go back in time.
 */
export const logModel: Model<string, LogInput, LogOutput> = {
  name: 'log',
  init: '',
  prepare(op: Operation): Prepared<LogInput, LogOutput> | null {
    switch (op.f) {
      case 'read': {
        if (op.status === 'unknown') return null; // a read of unknown result constrains nothing
        const entries = op.output ?? [];
        if (!Array.isArray(entries)) {
          throw new ModelInputError('log', op, `read must return an array of entries (or nil); got ${canonicalJson(entries)}`);
        }
        const log = encode(entries);
        return { input: READ, output: { kind: 'log', log, applied: { ok: true, next: log } }, readOnly: true };
      }
      case 'append':
        return { input: { f: 'append', entry: canonicalJson(op.input) + END }, output: DONE };
      default:
        throw new ModelInputError('log', op, `unsupported operation ${op.f}; the log model accepts append and read`);
    }
  },
  step(state: string, input: LogInput, output: LogOutput): StepResult<string> {
    switch (input.f) {
      case 'read':
        if (output.kind !== 'log') return { ok: true, next: state };
        return output.log === state ? output.applied : REJECTED;
      case 'append':
        return { ok: true, next: state + input.entry };
      default: {
        const never: never = input;
        throw new Error(`unknown log input ${JSON.stringify(never)}`);
      }
    }
  },
  // Appended entries differ, so equal long logs come from the same appends.
  stepIdentityAbove: 16,
  partition: partitionByKey,
  describe(op: Operation): string {
    const key = op.key === undefined ? '' : JSON.stringify(op.key);
    const outcome = op.status === 'ok' ? '' : op.status === 'fail' ? ' → failed' : ' → ?';
    if (op.f === 'read') {
      return `read(${key}) → ${op.status === 'ok' ? canonicalJson(op.output ?? []) : op.status === 'fail' ? 'failed' : '?'}`;
    }
    return `${op.f}(${key === '' ? '' : `${key}, `}${canonicalJson(op.input)})${outcome}`;
  },
  describeState: (state) => `[${state === '' ? '' : state.slice(0, -1).split(END).join(',')}]`,
  explainStuck: whyLog,
};

function encode(entries: readonly JsonValue[]): string {
  let log = '';
  for (const entry of entries) log += canonicalJson(entry) + END;
  return log;
}
