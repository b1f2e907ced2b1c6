/** A fixed-size set of small integers over a Uint32Array. */
export class Bitset {
  /** The bits, 32 per word. */
  readonly words: Uint32Array;

  constructor(size: number) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(size / 32)));
  }

  /** Adds `i`. */
  set(i: number): void {
    this.words[i >>> 5]! |= 1 << (i & 31);
  }

  /** Removes `i`. */
  clear(i: number): void {
    this.words[i >>> 5]! &= ~(1 << (i & 31));
  }

  /** Whether `i` is a member. */
  has(i: number): boolean {
    return ((this.words[i >>> 5]! >>> (i & 31)) & 1) === 1;
  }
}

/** A well-mixed 32-bit hash of an index (murmur3's finaliser), so XORs of them rarely collide (Zobrist hashing). */
export function zobrist(i: number): number {
  let h = Math.imul(i + 1, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
