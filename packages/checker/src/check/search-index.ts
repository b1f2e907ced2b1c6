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

  /** `checkpoint` is called between the passes over the ops (a check looks at its clock there). */
  constructor(ops: readonly IndexedOp[], checkpoint: () => void = () => {}) {
    // Plain loops throughout: Array.from and TypedArray.from with a map function cost ~10× as
    // much, which on a history of millions of ops is seconds.
    const n = ops.length;
    const order = new Array<number>(n);
    for (let i = 0; i < n; i++) order[i] = i;
    if (!sortedBy(order, (i) => ops[i]!.call)) order.sort((a, b) => ops[a]!.call - ops[b]!.call || a - b);
    this.order = order;
    checkpoint();
    const calls = new Float64Array(n);
    for (let k = 0; k < n; k++) calls[k] = ops[order[k]!]!.call;
    this.required = new Uint8Array(n);
    this.unknownIndex = new Int32Array(n).fill(-1);
    let unknownCount = 0;
    let requiredCount = 0;
    for (let k = 0; k < n; k++) {
      if (ops[order[k]!]!.required) {
        this.required[k] = 1;
        requiredCount++;
      } else {
        this.unknownIndex[k] = unknownCount++;
      }
    }
    this.requiredCount = requiredCount;
    this.unknownWords = Math.ceil(unknownCount / 32);
    this.nextRequired = new Int32Array(n + 1);
    this.nextRequired[n] = n;
    for (let k = n - 1; k >= 0; k--) this.nextRequired[k] = this.required[k] === 1 ? k : this.nextRequired[k + 1]!;
    checkpoint();
    this.lastWord = new Int32Array(n + 1);
    this.lastWord[n] = -1;
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
      this.lastWord[k] = lo >>> 5;
    }
  }
}
