// A deliberately simple linearizability reference for property tests: try every subset of the
// unknown-outcome operations and every permutation of the chosen ones (Herlihy & Wing 1990 §2's
// definition, read literally). Exponential; for histories of a handful of operations only.
import type { Model, Operation, StateKey } from '../src/index.ts';

/** Whether some order of the ok ops plus any subset of the unknown ops respects real time and the model. */
export function bruteForceLinearizable<S extends StateKey, I, O>(model: Model<S, I, O>, ops: readonly Operation[]): boolean {
  const happened = ops.filter((op) => op.status !== 'fail');
  const required = happened.filter((op) => op.status === 'ok');
  const optional = happened.filter((op) => op.status === 'unknown');
  for (let mask = 0; mask < 1 << optional.length; mask++) {
    const chosen = [...required, ...optional.filter((_, i) => (mask >> i) & 1)];
    for (const order of permutations(chosen)) {
      if (respectsRealTime(order) && legal(model, order)) return true;
    }
  }
  return false;
}

function respectsRealTime(order: readonly Operation[]): boolean {
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      if (order[j]!.return < order[i]!.call) return false; // j finished before i started, yet comes after it
    }
  }
  return true;
}

function legal<S extends StateKey, I, O>(model: Model<S, I, O>, order: readonly Operation[]): boolean {
  let state = model.init;
  for (const op of order) {
    const prepared = model.prepare(op);
    if (prepared === null) continue;
    const result = model.step(state, prepared.input, prepared.output);
    if (!result.ok) return false;
    state = result.next;
  }
  return true;
}

function* permutations<T>(items: readonly T[]): Generator<T[]> {
  if (items.length <= 1) {
    yield [...items];
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const rest = [...items.slice(0, i), ...items.slice(i + 1)];
    for (const tail of permutations(rest)) yield [items[i]!, ...tail];
  }
}
