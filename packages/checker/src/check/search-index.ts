import { Slab } from './slab.ts';

/** What the search needs of an op to index it. */
export interface IndexedOp {
  call: number;
  return: number;
  required: boolean;
  readOnly?: boolean;
}

/**
 * The fixed facts the search looks up: ops in call order, which are required, a dense numbering
 * of the unknown-outcome ops, the next required op from each position, and how far past a
 * frontier op a linearized set can reach (see ConfigCache).
 */
export class SearchIndex {
  /** `order[k]`: the caller's index of the k-th op in call order (ties keep the caller's order). */
  readonly order: number[];
  /** `calls[k]`: op k's invocation time (ascending). */
  readonly calls: Float64Array;
  /** `returns[k]`: op k's completion time (Infinity when unknown). */
  readonly returns: Float64Array;
  /** `required[k]`: 1 when op k must be linearized (status ok). */
  readonly required: Uint8Array;
  /** `unknownIndex[k]`: op k's number among the unknown-outcome ops, or -1 for a required op. */
  readonly unknownIndex: Int32Array;
  /** `readOnly[k]`: 1 when op k never changes the state (a read), so the search may place it greedily. */
  readonly readOnly: Uint8Array;
  /** Width in 32-bit words of a bitset over the unknown-outcome ops. */
  readonly unknownWords: number;
  /** `nextRequired[k]`: the first required op at or after k, or n; length n + 1. */
  readonly nextRequired: Int32Array;
  /**
   * `lastWord[f]`: the last bitset word holding an op called no later than op f returns; ops
   * after it cannot be linearized while f is not. -1 for f = n. Length n + 1.
   */
  readonly lastWord: Int32Array;
  /** How many ops are required. */
  readonly requiredCount: number;

  /** Bytes of typed arrays an index of `n` ops takes from its slab. */
  static bytes(n: number): number {
    return Slab.bytes([n, 8], [n, 8], [n, 4], [n + 1, 4], [n + 1, 4], [n, 1], [n, 1]);
  }

  /**
   * Indexes `ops`; its arrays come from `slab` (sized by `SearchIndex.bytes`), or a slab of its own.
   * `checkpoint` is called between the passes over the ops (a check looks at its clock there).
   */
  constructor(ops: readonly IndexedOp[], slab = new Slab(SearchIndex.bytes(ops.length)), checkpoint: () => void = () => {}) {
    // Plain loops over typed arrays: for the many small histories of a corpus, building the index
    // costs as much as searching, so it must not go through iterators or callbacks. Each op object
    // is read once here; everything after works on typed arrays.
    const n = ops.length;
    const calls = slab.float64(n);
    const returns = slab.float64(n);
    const unknownIndex = slab.int32(n);
    const nextRequired = slab.int32(n + 1);
    const lastWord = slab.int32(n + 1);
    const required = slab.uint8(n);
    const readOnly = slab.uint8(n);
    const order = new Array<number>(n);
    let sorted = true;
    for (let i = 0; i < n; i++) {
      order[i] = i;
      calls[i] = ops[i]!.call;
      if (i > 0 && calls[i - 1]! > calls[i]!) sorted = false;
      if ((i & 0xffff) === 0xffff) checkpoint();
    }
    if (!sorted) {
      const byCall = Float64Array.from(calls);
      order.sort((a, b) => byCall[a]! - byCall[b]! || a - b);
      for (let k = 0; k < n; k++) calls[k] = byCall[order[k]!]!;
    }
    this.order = order;
    this.calls = calls;
    this.returns = returns;
    checkpoint();
    let unknownCount = 0;
    let requiredCount = 0;
    for (let k = 0; k < n; k++) {
      const op = ops[order[k]!]!;
      returns[k] = op.return;
      if (op.readOnly === true) readOnly[k] = 1;
      if (op.required) {
        required[k] = 1;
        unknownIndex[k] = -1;
        requiredCount++;
      } else {
        unknownIndex[k] = unknownCount++;
      }
      if ((k & 0xffff) === 0xffff) checkpoint();
    }
    this.required = required;
    this.readOnly = readOnly;
    this.unknownIndex = unknownIndex;
    this.requiredCount = requiredCount;
    this.unknownWords = Math.ceil(unknownCount / 32);
    nextRequired[n] = n;
    for (let k = n - 1; k >= 0; k--) nextRequired[k] = required[k] === 1 ? k : nextRequired[k + 1]!;
    this.nextRequired = nextRequired;
    checkpoint();
    lastWord[n] = -1;
    for (let k = 0; k < n; k++) {
      const ret = returns[k]!;
      // The last op whose call is at or before ret (calls sort first at equal times).
      let lo = k;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (calls[mid]! <= ret) lo = mid;
        else hi = mid - 1;
      }
      lastWord[k] = lo >>> 5;
    }
    this.lastWord = lastWord;
  }
}
