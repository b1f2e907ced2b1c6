import type { Operation } from '../history/operation.ts';
import { canonicalJson } from '../history/value.ts';
import { ModelInputError, REJECTED, type Model, type Prepared, type StepResult } from './model.ts';
import { partitionByKey } from './partition.ts';
import { whyKv } from './why/kv.ts';

/** A kv operation on one key; `value` is the argument of put/append. */
export type KvInput = { f: 'get' } | { f: 'put'; value: string } | { f: 'append'; value: string };

/** What a kv operation was seen to return: the string a get read, or plain completion. */
export type KvOutput = { kind: 'value'; value: string; applied: StepResult<string> } | { kind: 'done' };

const GET: KvInput = { f: 'get' };
const DONE: KvOutput = { kind: 'done' };

/**
 * A key-value store of strings, each key initially "" (Porcupine's kv model): get returns the
 * key's whole string, put replaces it, append concatenates. Keys are independent, so the
 * history is checked one key at a time. A get that read nil is taken to have read "".
 */
export const kvModel: Model<string, KvInput, KvOutput> = {
  name: 'kv',
  init: '',
  prepare(op: Operation): Prepared<KvInput, KvOutput> | null {
    if (op.key === undefined) throw new ModelInputError('kv', op, 'kv operations need a key');
    switch (op.f) {
      case 'get': {
        if (op.status === 'unknown') return null; // a get of unknown result constrains nothing
        const value = op.output ?? '';
        if (typeof value !== 'string') throw new ModelInputError('kv', op, `get must read a string; got ${canonicalJson(value)}`);
        return { input: GET, output: { kind: 'value', value, applied: { ok: true, next: value } }, readOnly: true };
      }
      case 'put':
      case 'append': {
        if (typeof op.input !== 'string') {
          throw new ModelInputError('kv', op, `${op.f} needs a string value; got ${canonicalJson(op.input)}`);
        }
        return { input: { f: op.f, value: op.input }, output: DONE };
      }
      default:
        throw new ModelInputError('kv', op, `unsupported operation ${op.f}; the kv model accepts get, put and append`);
    }
  },
  step(state: string, input: KvInput, output: KvOutput): StepResult<string> {
    switch (input.f) {
      case 'get':
        if (output.kind !== 'value') return { ok: true, next: state };
        return output.value === state ? output.applied : REJECTED;
      case 'put':
        return { ok: true, next: input.value };
      case 'append':
        return { ok: true, next: state + input.value };
      default: {
        const never: never = input;
        throw new Error(`unknown kv input ${JSON.stringify(never)}`);
      }
    }
  },
  // Appended values differ, so equal long strings come from the same steps (puts stay short).
  stepIdentityAbove: 16,
  partition: partitionByKey,
  describe(op: Operation): string {
    const key = JSON.stringify(op.key ?? '');
    const suffix = op.status === 'ok' ? '' : op.status === 'fail' ? ' → failed' : ' → ?';
    switch (op.f) {
      case 'get':
        return `get(${key}) → ${op.status === 'ok' ? JSON.stringify(op.output ?? '') : op.status === 'fail' ? 'failed' : '?'}`;
      default:
        return `${op.f}(${key}, ${canonicalJson(op.input)})${suffix}`;
    }
  },
  describeState: (state) => JSON.stringify(state),
  explainStuck: whyKv,
};
