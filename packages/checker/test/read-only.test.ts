// The search places an operation marked readOnly as soon as the model accepts it and tries
// nothing else in its place (search.ts). That is sound only if such an operation never changes
// the state: this checks every built-in model's readOnly operations against states its writes reach.
import { describe, expect, it } from 'vitest';
import { MODEL_NAMES, modelByName, type Model, type ModelName, type Operation } from '../src/index.ts';
import { ops, type OpRow } from './support.ts';

/** Per model: operations that change the state, and reads (some matching a reachable state, some not). */
const cases: Record<string, { writes: OpRow[]; reads: OpRow[] }> = {
  register: {
    writes: [[0, 'write', 1, null, 0, 1], [0, 'write', 'a', null, 2, 3], [0, 'write', null, null, 4, 5]],
    reads: [[1, 'read', null, 1, 0, 1], [1, 'read', null, 'a', 0, 1], [1, 'read', null, null, 0, 1], [1, 'read', null, 7, 0, 1]],
  },
  'cas-register': {
    writes: [[0, 'write', 1, null, 0, 1], [0, 'cas', [1, 2], null, 2, 3], [0, 'write', 'x', null, 4, 5]],
    reads: [[1, 'read', null, 1, 0, 1], [1, 'read', null, 2, 0, 1], [1, 'read', null, 'x', 0, 1], [1, 'read', null, null, 0, 1]],
  },
  kv: {
    writes: [[0, 'put', 'a', null, 0, 1, 'ok', 'k'], [0, 'append', 'b', null, 2, 3, 'ok', 'k'], [0, 'append', 'cd', null, 4, 5, 'ok', 'k']],
    reads: [[1, 'get', null, 'a', 0, 1, 'ok', 'k'], [1, 'get', null, 'ab', 0, 1, 'ok', 'k'], [1, 'get', null, 'abcd', 0, 1, 'ok', 'k'], [1, 'get', null, null, 0, 1, 'ok', 'k']],
  },
  set: {
    writes: [[0, 'add', 1, null, 0, 1], [0, 'add', 'x', null, 2, 3], [0, 'add', 1, null, 4, 5]],
    reads: [[1, 'read', null, [], 0, 1], [1, 'read', null, [1], 0, 1], [1, 'read', null, ['x', 1], 0, 1], [1, 'read', null, [2], 0, 1]],
  },
  counter: {
    writes: [[0, 'add', 3, null, 0, 1], [0, 'add', -1, null, 2, 3], [0, 'add', 5, null, 4, 5]],
    reads: [[1, 'read', null, 0, 0, 1], [1, 'read', null, 3, 0, 1], [1, 'read', null, 2, 0, 1], [1, 'read', null, 7, 0, 1]],
  },
  log: {
    writes: [[0, 'append', 1, null, 0, 1, 'ok', 'k'], [0, 'append', 'y', null, 2, 3, 'ok', 'k'], [0, 'append', 3, null, 4, 5, 'ok', 'k']],
    reads: [[1, 'read', null, [], 0, 1, 'ok', 'k'], [1, 'read', null, [1], 0, 1, 'ok', 'k'], [1, 'read', null, [1, 'y'], 0, 1, 'ok', 'k'], [1, 'read', null, [1, 'y', 3], 0, 1, 'ok', 'k']],
  },
  // Only a dequeue that saw the queue empty is readOnly; the rest change the queue (or may).
  queue: {
    writes: [[0, 'enqueue', 1, null, 0, 1, 'ok', 'q'], [0, 'enqueue', 'y', null, 2, 3, 'ok', 'q'], [0, 'dequeue', null, 1, 4, 5, 'ok', 'q'], [0, 'dequeue', null, null, 6, 7, 'unknown', 'q']],
    reads: [[1, 'dequeue', null, null, 0, 1, 'ok', 'q'], [1, 'dequeue', null, null, 2, 3, 'ok', 'r']],
  },
};

/** Every state the writes reach from the initial state, one at a time in order. */
function reachable(model: Model, writes: readonly Operation[]): unknown[] {
  const states: unknown[] = [model.init];
  let state = model.init;
  for (const op of writes) {
    const prepared = model.prepare(op)!;
    const result = model.step(state, prepared.input, prepared.output);
    if (!result.ok) throw new Error(`test setup: ${model.describe(op)} rejected`);
    state = result.next;
    states.push(state);
  }
  return states;
}

describe('readOnly operations', () => {
  for (const [name, { writes, reads }] of Object.entries(cases)) {
    it(`never change the state in the ${name} model, and each write is not marked readOnly`, () => {
      const model = modelByName(name as ModelName) as Model;
      const states = reachable(model, ops(...writes));
      let accepted = 0;
      for (const op of ops(...reads)) {
        const prepared = model.prepare(op)!;
        expect(prepared.readOnly, model.describe(op)).toBe(true);
        for (const state of states) {
          const result = model.step(state as never, prepared.input, prepared.output);
          if (!result.ok) continue;
          accepted++;
          expect(result.next, `${model.describe(op)} in ${model.describeState(state as never)}`).toBe(state);
        }
      }
      expect(accepted).toBeGreaterThan(0); // some read matched a reachable state: the check looked at something
      for (const op of ops(...writes)) expect(model.prepare(op)?.readOnly ?? false, model.describe(op)).toBe(false);
    });
  }

  it('are checked for every built-in model that has reads (unique-ids has none; the queue\'s are empty dequeues)', () => {
    const unchecked = MODEL_NAMES.filter((name) => !(name in cases));
    expect(unchecked).toEqual(['unique-ids']);
    const generate = ops([0, 'generate', null, 'id-1', 0, 1])[0]!;
    expect(modelByName('unique-ids').prepare(generate)?.readOnly ?? false).toBe(false);
  });
});
