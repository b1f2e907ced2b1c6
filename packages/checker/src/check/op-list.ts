/** What the search needs of an op to place it in the list. */
export interface ListedOp {
  call: number;
  return: number;
  required: boolean;
}

/**
 * The time-ordered doubly linked list of call and return entries of Wing & Gong's algorithm,
 * over typed arrays. Node i is op i's call, node n+i its return (only for required ops), node
 * 2n the head. Lifting removes an op's entries; unlifting, in reverse (LIFO) order, restores them.
 */
export class OpList {
  /** `next[node]`: the following node, or -1 at the end. */
  readonly next: Int32Array;
  /** `prev[node]`: the preceding node (the head for the first). */
  readonly prev: Int32Array;
  private readonly n: number;
  private readonly required: Uint8Array;

  constructor(ops: readonly ListedOp[]) {
    const n = ops.length;
    this.n = n;
    const next = new Int32Array(2 * n + 1);
    const prev = new Int32Array(2 * n + 1);
    const required = new Uint8Array(n);
    this.next = next;
    this.prev = prev;
    this.required = required;
    const calls = new Array<number>(n);
    const returns: number[] = [];
    for (let i = 0; i < n; i++) {
      calls[i] = i;
      if (ops[i]!.required) {
        required[i] = 1;
        returns.push(i);
      }
    }
    if (!sortedBy(calls, (i) => ops[i]!.call)) calls.sort((a, b) => ops[a]!.call - ops[b]!.call || a - b);
    if (!sortedBy(returns, (i) => ops[i]!.return)) returns.sort((a, b) => ops[a]!.return - ops[b]!.return || a - b);
    // Merge into time order; at equal times calls come first, so touching intervals count as concurrent.
    let last = 2 * n;
    let r = 0;
    for (let c = 0; c < n; c++) {
      const op = calls[c]!;
      const t = ops[op]!.call;
      while (r < returns.length && ops[returns[r]!]!.return < t) last = link(next, prev, last, n + returns[r++]!);
      last = link(next, prev, last, op);
    }
    while (r < returns.length) last = link(next, prev, last, n + returns[r++]!);
    next[last] = -1;
  }

  /** The first remaining node, or -1 when the list is empty. */
  first(): number {
    return this.next[2 * this.n]!;
  }

  /** Removes op i's call entry and (if it has one) its return entry. */
  lift(i: number): void {
    const { next, prev } = this;
    let p = prev[i]!;
    let q = next[i]!;
    next[p] = q;
    if (q !== -1) prev[q] = p;
    if (this.required[i] === 1) {
      const r = this.n + i;
      p = prev[r]!;
      q = next[r]!;
      next[p] = q;
      if (q !== -1) prev[q] = p;
    }
  }

  /** Restores op i's entries; must undo the most recent lift still in effect. */
  unlift(i: number): void {
    const { next, prev } = this;
    if (this.required[i] === 1) {
      const r = this.n + i;
      next[prev[r]!] = r;
      if (next[r] !== -1) prev[next[r]!] = r;
    }
    next[prev[i]!] = i;
    if (next[i] !== -1) prev[next[i]!] = i;
  }

  /**
   * The required ops whose calls precede the first remaining return, and that return's op.
   * (Optional ops are left out: they can always be skipped, so they never block the search.)
   */
  frontier(): { stuck: number[]; due: number | undefined } {
    const stuck: number[] = [];
    let node = this.first();
    while (node !== -1 && node < this.n) {
      if (this.required[node] === 1) stuck.push(node);
      node = this.next[node]!;
    }
    return { stuck, due: node === -1 ? undefined : node - this.n };
  }
}

/** Appends `node` after `last` while the list is built; returns the new last node. */
function link(next: Int32Array, prev: Int32Array, last: number, node: number): number {
  next[last] = node;
  prev[node] = last;
  return node;
}

/** Whether `items` are in non-decreasing order of `key` (so a sort can be skipped). */
export function sortedBy(items: readonly number[], key: (i: number) => number): boolean {
  for (let k = 1; k < items.length; k++) if (key(items[k - 1]!) > key(items[k]!)) return false;
  return true;
}
