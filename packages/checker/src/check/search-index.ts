import { sortedBy } from './op-list.ts';

/** What the search needs of an op to index it. */
export interface IndexedOp {
  call: number;
  return: number;
  required: boolean;
}

/**
 * The fixed facts the search looks up: ops in call order, which are required, a dense numbering
 * of the unknown-outcome ops, the next required op from each position, and how far past a
 * frontier op a linearized set can reach (see ConfigCache).
 */
export class SearchIndex {
  /** `order[k]`: the caller's index of the k-th op in call order (ties keep the caller's order). */
  readonly order: number[];
  /** `required[k]`: 1 when op k must be linearized (status ok). */
  readonly required: Uint8Array;
  /** `unknownIndex[k]`: op k's number among the unknown-outcome ops, or -1 for a required op. */
  readonly unknownIndex: Int32Array;
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

  constructor(ops: readonly IndexedOp[]) {
    // Plain loops over typed arrays: for the many small histories of a corpus, building the index
    // costs as much as searching, so it must not go through iterators or callbacks.
    const n = ops.length;
    const order = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (!sortedBy(order, (i) => ops[i]!.call)) order.sort((a, b) => ops[a]!.call - ops[b]!.call || a - b);
    this.order = order;
    const calls = new Float64Array(n);
    const required = new Uint8Array(n);
    const unknownIndex = new Int32Array(n);
    let unknownCount = 0;
    let requiredCount = 0;
    for (let k = 0; k < n; k++) {
      const op = ops[order[k]!]!;
      calls[k] = op.call;
      if (op.required) {
        required[k] = 1;
        unknownIndex[k] = -1;
        requiredCount++;
      } else {
        unknownIndex[k] = unknownCount++;
      }
    }
    this.required = required;
    this.unknownIndex = unknownIndex;
    this.requiredCount = requiredCount;
    this.unknownWords = Math.ceil(unknownCount / 32);
    const nextRequired = new Int32Array(n + 1);
    nextRequired[n] = n;
    for (let k = n - 1; k >= 0; k--) nextRequired[k] = required[k] === 1 ? k : nextRequired[k + 1]!;
    this.nextRequired = nextRequired;
    const lastWord = new Int32Array(n + 1);
    lastWord[n] = -1;
    for (let k = 0; k < n; k++) {
      const ret = ops[order[k]!]!.return;
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
