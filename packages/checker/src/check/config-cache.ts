import type { Bitset } from './bitset.ts';

/**
 * The set of explored configurations (linearized ops, state id) of Lowe's memoized search,
 * stored without per-entry allocation: bitsets live in one growing Uint32Array arena, and
 * entries with the same hash are chained through typed arrays.
 */
export class ConfigCache {
  private readonly width: number;
  private readonly heads = new Map<number, number>();
  private bits: Uint32Array;
  private states: Int32Array;
  private chain: Int32Array;
  /** Number of configurations stored. */
  size = 0;

  /** A cache for bitsets of `width` 32-bit words. */
  constructor(width: number) {
    this.width = width;
    const capacity = 1024;
    this.bits = new Uint32Array(capacity * width);
    this.states = new Int32Array(capacity);
    this.chain = new Int32Array(capacity);
  }

  /**
   * Adds the configuration (`set` ∪ {`i`}, `state`) whose hash is `hash`, unless it is already
   * present. Returns whether it was added.
   */
  addWith(set: Bitset, i: number, state: number, hash: number): boolean {
    const key = hash & 0x3fffffff; // small-integer Map keys stay fast
    const head = this.heads.get(key);
    const words = set.words;
    const width = this.width;
    const w = i >>> 5;
    const bit = 1 << (i & 31);
    for (let e = head ?? -1; e !== -1; e = this.chain[e]!) {
      if (this.states[e] !== state) continue;
      const base = e * width;
      let equal = true;
      for (let k = 0; k < width; k++) {
        const mine = k === w ? (words[k]! | bit) >>> 0 : words[k]!;
        if (mine !== this.bits[base + k]) {
          equal = false;
          break;
        }
      }
      if (equal) return false;
    }
    if (this.size === this.states.length) this.grow();
    const e = this.size++;
    this.bits.set(words, e * width);
    this.bits[e * width + w]! |= bit;
    this.states[e] = state;
    this.chain[e] = head ?? -1;
    this.heads.set(key, e);
    return true;
  }

  private grow(): void {
    const capacity = this.states.length * 2;
    const bits = new Uint32Array(capacity * this.width);
    bits.set(this.bits);
    this.bits = bits;
    const states = new Int32Array(capacity);
    states.set(this.states);
    this.states = states;
    const chain = new Int32Array(capacity);
    chain.set(this.chain);
    this.chain = chain;
  }
}
