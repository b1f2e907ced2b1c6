import type { NodeId } from '@faultline/core';

/**
 * Dense numbers for node ids (0, 1, 2, … in order of first sight), so a member list's per-member
 * structures (table records, pending gossip, suspicions, probe order) are arrays indexed by number
 * instead of one `Map<NodeId, …>` each (issue 27): a string id is looked up once per claim, in one
 * small map shared by every node of the process, and the rest are array reads.
 *
 * The numbers are process-local bookkeeping: never sent, never iterated in number order, so they
 * cannot change a run (the same seed gives the same trace whichever node ids a process saw first).
 */
export class NodeIndex {
  private readonly numbers = new Map<NodeId, number>();
  private readonly ids: NodeId[] = [];

  /** The number of `node`, given one on first sight. */
  numberOf(node: NodeId): number {
    const known = this.numbers.get(node);
    if (known !== undefined) return known;
    const n = this.ids.length;
    this.ids.push(node);
    this.numbers.set(node, n);
    return n;
  }

  /** The number of `node` if it has one (a lookup that numbers nothing). */
  peek(node: NodeId): number | undefined {
    return this.numbers.get(node);
  }

  /** The node id numbered `n` (0 ≤ n < size). */
  idOf(n: number): NodeId {
    const node = this.ids[n];
    if (node === undefined) throw new RangeError(`no node numbered ${n}`);
    return node;
  }

  /** How many ids have been numbered. */
  get size(): number {
    return this.ids.length;
  }
}

/**
 * The index every member list of this process shares (simulated nodes share one process: one map of
 * n ids instead of n maps of n). It grows only with the distinct node ids the process meets.
 */
export const SHARED_NODE_INDEX = new NodeIndex();

/**
 * `slots[n] = value`, first filling the gap below `n` with `empty`: a write far past an array's end
 * would turn it into a slow dictionary in V8, and node numbers arrive in any order.
 */
export function setSlot<T>(slots: T[], n: number, value: T, empty: T): void {
  while (slots.length < n) slots.push(empty);
  slots[n] = value;
}
