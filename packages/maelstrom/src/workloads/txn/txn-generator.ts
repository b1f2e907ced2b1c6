import type { Rng } from '@faultline/core';

/** One micro-operation as sent: `["r", k, null]`, `["w", k, v]` or `["append", k, v]`. */
export type Micro = [string, number, number | null];

/** Sizes of the generated transactions (Maelstrom's `--key-count`, `--max-txn-length`, `--max-writes-per-key`). */
export interface TxnShape {
  /** Keys in use at any time (Elle's default for its exponential key choice: 10). */
  readonly keyCount: number;
  readonly minTxnLength: number;
  /** Maelstrom's default 4 (core.clj `--max-txn-length`). */
  readonly maxTxnLength: number;
  /** Writes to one key before it is retired for a fresh one; Maelstrom's default 16. */
  readonly maxWritesPerKey: number;
}

/** Maelstrom's defaults (core.clj) over Elle's (`wr-txns`: key-count 10 for exponential keys, min length 1). */
export const DEFAULT_TXN_SHAPE: TxnShape = { keyCount: 10, minTxnLength: 1, maxTxnLength: 4, maxWritesPerKey: 16 };

/**
 * Transactions as Elle's `elle.txn/wr-txns` draws them (used by Maelstrom's txn-list-append and
 * txn-rw-register through jepsen.tests.cycle): `keyCount` keys are active; each micro-op picks
 * one with an exponential distribution of base 2 (the first active key is twice as likely as the
 * second…), then is a read or, equally likely, a write (`w` or `append`) of the next value of
 * that key, 1, 2, 3…, so every written value is unique per key. A key written
 * `maxWritesPerKey` times is replaced by a fresh key.
 */
export class TxnGenerator {
  private readonly active: number[];
  private nextKey: number;
  private readonly writes = new Map<number, number>();

  private readonly write: 'w' | 'append';
  private readonly shape: TxnShape;

  constructor(write: 'w' | 'append', shape: TxnShape) {
    this.write = write;
    this.shape = shape;
    this.active = Array.from({ length: shape.keyCount }, (_, i) => i);
    this.nextKey = shape.keyCount;
  }

  next(rng: Rng): Micro[] {
    const { minTxnLength: min, maxTxnLength: max } = this.shape;
    const length = min + rng.int(max - min + 1);
    const txn: Micro[] = [];
    for (let i = 0; i < length; i++) {
      const slot = this.pickSlot(rng);
      const key = this.active[slot]!;
      if (rng.chance(0.5)) {
        txn.push(['r', key, null]);
        continue;
      }
      const value = (this.writes.get(key) ?? 0) + 1;
      this.writes.set(key, value);
      txn.push([this.write, key, value]);
      if (value >= this.shape.maxWritesPerKey) {
        this.writes.delete(key);
        this.active[slot] = this.nextKey++;
      }
    }
    return txn;
  }

  /** Slot i with probability proportional to 2^-i. */
  private pickSlot(rng: Rng): number {
    const n = this.active.length;
    const total = 1 - 2 ** -n; // sum of 2^-(i+1) for i < n
    let u = rng.next() * total;
    for (let i = 0; i < n; i++) {
      u -= 2 ** -(i + 1);
      if (u < 0) return i;
    }
    return n - 1;
  }
}
