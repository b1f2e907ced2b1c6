import type { Operation } from '../history/operation.ts';

/** Groups operations by key (operations without a key form one group), keys in sorted order, each group in input order. */
export function partitionByKey(ops: readonly Operation[]): Operation[][] {
  // One key (a single register): one partition, without a map lookup per op.
  const first = ops[0]?.key;
  let oneKey = true;
  for (let i = 1; i < ops.length && oneKey; i++) oneKey = ops[i]!.key === first;
  if (oneKey) return ops.length === 0 ? [] : [ops.slice()];
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
