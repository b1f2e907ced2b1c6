import type { Operation } from '../history/operation.ts';

/** Groups operations by key (operations without a key form one group), keys in sorted order, each group in input order. */
export function partitionByKey(ops: readonly Operation[]): Operation[][] {
  // One key (or none) throughout, as in single-register histories: one group, no Map.
  const first = ops[0]?.key;
  let same = true;
  for (let i = 1; i < ops.length && same; i++) same = ops[i]!.key === first;
  if (same) return ops.length === 0 ? [] : [ops.slice()];
  const groups = new Map<string | undefined, Operation[]>();
  for (const op of ops) {
    const group = groups.get(op.key);
    if (group === undefined) groups.set(op.key, [op]);
    else group.push(op);
  }
  return [...groups.keys()]
    .sort((a, b) => (a === b ? 0 : a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : 1))
    .map((k) => groups.get(k)!);
}
