import type { Operation } from '../history/operation.ts';
import { canonicalJson } from '../history/value.ts';
import { renderResult, statusSuffix } from './describe.ts';
import { ModelInputError, REJECTED, type Model, type Prepared, type StepResult } from './model.ts';
import { partitionByKey } from './partition.ts';
import { whyCounter } from './why/counter.ts';

/** A counter operation: add a (possibly negative) number, or read the total. */
export type CounterInput = { f: 'add'; delta: number } | { f: 'read' };

/** What a counter operation was seen to return: the total a read saw, or plain completion. */
export type CounterOutput = { kind: 'value'; total: number } | { kind: 'done' };

const READ: CounterInput = { f: 'read' };
const DONE: CounterOutput = { kind: 'done' };

/**
 * A counter per key, initially 0 (Maelstrom's `g-counter`/`pn-counter`, checked linearizably):
 * `add n` adds n; `read` returns the total. So every read — in particular one made after the
 * last add completed — equals the sum of the acknowledged adds plus some of the adds of unknown
 * outcome; failed adds never count.
 */
export const counterModel: Model<number, CounterInput, CounterOutput> = {
  name: 'counter',
  init: 0,
  prepare(op: Operation): Prepared<CounterInput, CounterOutput> | null {
    switch (op.f) {
      case 'add':
        if (typeof op.input !== 'number') {
          throw new ModelInputError('counter', op, `add needs a number; got ${canonicalJson(op.input)}`);
        }
        return { input: { f: 'add', delta: op.input }, output: DONE };
      case 'read':
        if (op.status === 'unknown') return null; // a read of unknown result constrains nothing
        if (typeof op.output !== 'number') {
          throw new ModelInputError('counter', op, `read must return a number; got ${canonicalJson(op.output)}`);
        }
        return { input: READ, output: { kind: 'value', total: op.output }, readOnly: true };
      default:
        throw new ModelInputError('counter', op, `unsupported operation ${op.f}; the counter model accepts add and read`);
    }
  },
  step(state: number, input: CounterInput, output: CounterOutput): StepResult<number> {
    switch (input.f) {
      case 'read':
        if (output.kind !== 'value') return { ok: true, next: state };
        return output.total === state ? { ok: true, next: state } : REJECTED;
      case 'add':
        return { ok: true, next: state + input.delta };
      default: {
        const never: never = input;
        throw new Error(`unknown counter input ${JSON.stringify(never)}`);
      }
    }
  },
  partition: partitionByKey,
  describe(op: Operation): string {
    return op.f === 'read' ? `read() → ${renderResult(op)}` : `${op.f}(${canonicalJson(op.input)})${statusSuffix(op)}`;
  },
  describeState: (state) => String(state),
  explainStuck: whyCounter,
};
