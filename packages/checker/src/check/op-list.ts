import { Slab } from './slab.ts';

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

  /** Bytes of typed arrays a list of `n` ops takes from its slab. */
  static bytes(n: number): number {
    return Slab.bytes([2 * n + 1, 4], [2 * n + 1, 4], [n, 4]);
  }

  /**
   * Lists ops given in call order by their call and return times and which are required (1: has a
   * return entry). Times come in typed arrays, not op objects, so the code that reads them sees one
   * shape whatever the history (an object's number fields change V8's map as their values do).
   * Its arrays come from `slab` (sized by `OpList.bytes`), or a slab of its own.
   */
  constructor(calls: Float64Array, returns: Float64Array, required: Uint8Array, slab = new Slab(OpList.bytes(calls.length))) {
    const n = calls.length;
    this.n = n;
    const next = slab.int32(2 * n + 1);
    const prev = slab.int32(2 * n + 1);
    const byReturn = slab.int32(n);
    this.next = next;
    this.prev = prev;
    this.required = required;
    let count = 0;
    let sorted = true;
    for (let i = 0; i < n; i++) {
      if (i > 0 && calls[i - 1]! > calls[i]!) throw new RangeError('OpList: ops must be given in call order');
      if (required[i] === 1) {
        if (count > 0 && returns[byReturn[count - 1]!]! > returns[i]!) sorted = false;
        byReturn[count++] = i;
      }
    }
    const ordered = byReturn.subarray(0, count);
    if (!sorted && !insertionSorted(ordered, returns)) ordered.sort((a, b) => returns[a]! - returns[b]! || a - b);
    // Merge into time order; at equal times calls come first, so touching intervals count as concurrent.
    let last = 2 * n;
    let r = 0;
    for (let c = 0; c < n; c++) {
      const t = calls[c]!;
      while (r < count && returns[ordered[r]!]! < t) last = link(next, prev, last, n + ordered[r++]!);
      last = link(next, prev, last, c);
    }
    while (r < count) last = link(next, prev, last, n + ordered[r++]!);
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

/** Element moves an insertion sort may make per op before it gives up (see `insertionSorted`). */
const INSERTION_MOVES_PER_OP = 32;

/**
 * Sorts op indices (ascending, as they come) by return time, ties in index order, in place by
 * insertion, and returns true; or gives up and returns false once it has moved elements
 * INSERTION_MOVES_PER_OP times per op (the order is then partly sorted; sort it another way). Ops
 * in call order come nearly sorted by return (a return is out of place by about the number of
 * concurrent clients), so this is linear where a sort with a comparator calls the comparator
 * n log n times, each call in unoptimised code on a history's first check: a tenth of its time.
 */
function insertionSorted(ordered: Int32Array, returns: Float64Array): boolean {
  let budget = INSERTION_MOVES_PER_OP * ordered.length;
  for (let i = 1; i < ordered.length; i++) {
    const x = ordered[i]!;
    const t = returns[x]!;
    let j = i - 1;
    // Indices ascend in `ordered` before sorting, so an equal time never moves x ahead (stable).
    while (j >= 0 && returns[ordered[j]!]! > t) {
      ordered[j + 1] = ordered[j]!;
      j--;
      if (--budget === 0) {
        ordered[j + 1] = x;
        return false;
      }
    }
    ordered[j + 1] = x;
  }
  return true;
}

/** Appends `node` after `last` while the list is built; returns the new last node. */
function link(next: Int32Array, prev: Int32Array, last: number, node: number): number {
  next[last] = node;
  prev[node] = last;
  return node;
}
