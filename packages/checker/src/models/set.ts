import type { Operation } from '../history/operation.ts';
import { canonicalJson, type JsonValue } from '../history/value.ts';
import { renderResult, renderValue, statusSuffix } from './describe.ts';
import { ModelInputError, REJECTED, type Model, type Prepared, type StepResult } from './model.ts';
import { partitionByKey } from './partition.ts';
import { whySet } from './why/set.ts';

/** A set operation: add one element (canonical JSON), or read the whole set. */
export type SetInput = { f: 'add'; element: string } | { f: 'read' };

/** What a set operation was seen to return: the set a read saw (as a state), or plain completion. */
export type SetOutput = { kind: 'value'; state: string } | { kind: 'done' };

const READ: SetInput = { f: 'read' };
const DONE: SetOutput = { kind: 'done' };
/** Elements in a state are canonical JSON strings, sorted, joined by this separator (JSON never contains it raw). */
const SEP = '\n';

/** The state for a collection of elements: their canonical JSON, sorted and deduplicated. */
function stateOf(elements: readonly JsonValue[]): string {
  return [...new Set(elements.map(canonicalJson))].sort().join(SEP);
}

function elementsOf(state: string): string[] {
  return state === '' ? [] : state.split(SEP);
}

/**
 * A grow-only set per key, initially empty (Jepsen's `set` workload, checked linearizably):
 * `add x` puts x in the set; `read` returns every element, in any order. An add of unknown
 * outcome may or may not be in the set afterwards; a failed add never is.
 */
export const setModel: Model<string, SetInput, SetOutput> = {
  name: 'set',
  init: '',
  prepare(op: Operation): Prepared<SetInput, SetOutput> | null {
    switch (op.f) {
      case 'add':
        return { input: { f: 'add', element: canonicalJson(op.input) }, output: DONE };
      case 'read': {
        if (op.status === 'unknown') return null; // a read of unknown result constrains nothing
        if (!Array.isArray(op.output)) {
          throw new ModelInputError('set', op, `read must return an array of elements; got ${canonicalJson(op.output)}`);
        }
        return { input: READ, output: { kind: 'value', state: stateOf(op.output) }, readOnly: true };
      }
      default:
        throw new ModelInputError('set', op, `unsupported operation ${op.f}; the set model accepts add and read`);
    }
  },
  step(state: string, input: SetInput, output: SetOutput): StepResult<string> {
    switch (input.f) {
      case 'read':
        if (output.kind !== 'value') return { ok: true, next: state };
        return output.state === state ? { ok: true, next: state } : REJECTED;
      case 'add': {
        const elements = elementsOf(state);
        if (elements.includes(input.element)) return { ok: true, next: state };
        return { ok: true, next: [...elements, input.element].sort().join(SEP) };
      }
      default: {
        const never: never = input;
        throw new Error(`unknown set input ${JSON.stringify(never)}`);
      }
    }
  },
  partition: partitionByKey,
  describe(op: Operation): string {
    return op.f === 'read'
      ? `read() → ${renderResult(op, (v) => (Array.isArray(v) ? describeSet(stateOf(v)) : renderValue(v)))}`
      : `${op.f}(${renderValue(op.input)})${statusSuffix(op)}`;
  },
  describeState: describeSet,
  explainStuck: whySet,
};

function describeSet(state: string): string {
  return `{${elementsOf(state).join(', ')}}`;
}
