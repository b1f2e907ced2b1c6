import type { MemoryBudget } from './memory-budget.ts';
import { Slab } from './slab.ts';

/** What `ConfigCache.add` did: found the configuration, added it, or ran out of memory budget. */
export const AddResult = { Present: 0, Added: 1, OutOfMemory: 2 } as const;

/** One of AddResult's values. */
export type AddResult = (typeof AddResult)[keyof typeof AddResult];

/**
 * The set of explored configurations (linearized ops, state) of Lowe's memoized search, in
 * compact form. A linearized set L is described by its frontier f (the first required op, in call
 * order, not in L), the bits of L over the words from f to the last op called before f returns
 * (no later op can be in L: it would have been linearized after f's return), and the bits of L
 * over the unknown-outcome ops. Every required op before f is in L. So an entry takes a few words
 * whatever the history's length, and a sequential history's cache grows linearly.
 * Entries live in one Uint32Array arena, found through an open-addressing table on a hash of L.
 */
export class ConfigCache {
  private readonly lastWord: Int32Array;
  private readonly unknownWords: number;
  private readonly budget: MemoryBudget;
  private readonly initialEntries: number;
  private slab: Slab | undefined;
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private offsets: Uint32Array;
  private arena: Uint32Array;
  private arenaUsed = 0;
  private reserved = 0;
  /** Number of configurations stored. */
  size = 0;

  /**
   * `lastWord[f]`: the last bitset word an L with frontier f can have bits in (for f = n: -1);
   * `unknownWords`: the width of the unknown-ops bitset; `ops`: how many ops the history has, so a
   * small history starts with small arrays (a corpus of short histories allocates little).
   */
  constructor(lastWord: Int32Array, unknownWords: number, budget: MemoryBudget, ops = 1024) {
    // A search explores about 10 configurations per op on a concurrent history (11,320 for the
    // register 10p 1k row): start with room for 16 per op, so a history of up to ~1,000 ops never
    // grows, rehashes or copies (growing had been a tenth of a first check's time), within one pooled slab.
    this.initialEntries = Math.min(MAX_INITIAL_ENTRIES, Math.max(64, 1 << Math.ceil(Math.log2(16 * ops + 1))));
    this.lastWord = lastWord;
    this.unknownWords = unknownWords;
    this.budget = budget;
    this.slots = NO_INT32;
    this.mask = 0;
    this.hashes = NO_INT32;
    this.offsets = NO_UINT32;
    this.arena = NO_UINT32;
  }

  /** Bytes this cache holds. */
  get bytes(): number {
    return this.reserved;
  }

  /**
   * Adds the configuration (L, state), where L has frontier `f`, bits `words` and unknown-op bits
   * `unknown`, and `hash` is a hash of (L, state); unless it is already present.
   */
  add(f: number, state: number, hash: number, words: Uint32Array, unknown: Uint32Array): AddResult {
    const lo = f >>> 5;
    const hi = this.lastWord[f]!;
    const uw = this.unknownWords;
    const { hashes, offsets, arena } = this;
    let slot = hash & this.mask;
    for (let e = this.slots[slot]! - 1; e >= 0; e = this.slots[slot]! - 1) {
      if (hashes[e] === hash) {
        let at = offsets[e]!;
        if (arena[at] === f && arena[at + 1] === state) {
          at += 2;
          let equal = true;
          for (let k = lo; k <= hi; k++) {
            if (arena[at++] !== words[k]) {
              equal = false;
              break;
            }
          }
          for (let k = 0; equal && k < uw; k++) if (arena[at++] !== unknown[k]) equal = false;
          if (equal) return AddResult.Present;
        }
      }
      slot = (slot + 1) & this.mask;
    }
    const length = 2 + Math.max(0, hi - lo + 1) + uw;
    const mask = this.mask;
    if (!this.ensure(length)) return AddResult.OutOfMemory;
    if (this.size * 2 >= this.slots.length) this.rehash();
    if (this.mask !== mask) {
      // The table was just made or grown: find the entry's slot in it.
      slot = hash & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    }
    const e = this.size++;
    this.slots[slot] = e + 1;
    this.hashes[e] = hash;
    let at = this.arenaUsed;
    this.offsets[e] = at;
    const a = this.arena;
    a[at++] = f;
    a[at++] = state;
    for (let k = lo; k <= hi; k++) a[at++] = words[k]!;
    for (let k = 0; k < uw; k++) a[at++] = unknown[k]!;
    this.arenaUsed = at;
    return AddResult.Added;
  }

  /** Makes room for one more entry of `length` words, within the budget. */
  private ensure(length: number): boolean {
    if (this.hashes.length === 0) return this.start(length);
    if (this.size === this.hashes.length) {
      const capacity = this.hashes.length * 2;
      // Per entry: a hash, an offset, and two table slots (the table stays at most half full).
      if (!this.resize(capacity * 16, this.hashes.length * 16)) return false;
      this.hashes = grown(this.hashes, capacity, Int32Array);
      this.offsets = grown(this.offsets, capacity, Uint32Array);
    }
    if (this.arenaUsed + length > this.arena.length) {
      const capacity = Math.max(this.arena.length * 2, this.arenaUsed + length);
      if (!this.resize(capacity * 4, this.arena.length * 4)) return false;
      this.arena = grown(this.arena, capacity, Uint32Array);
    }
    return true;
  }

  /** The first allocation: every array from one slab (most histories of a corpus never grow past it). */
  private start(length: number): boolean {
    let entries = this.initialEntries;
    let arenaWords = Math.max(entries * 4, length);
    let bytes = Slab.bytes([entries, 4], [entries, 4], [entries * 2, 4], [arenaWords, 4]);
    // A tight memory budget gets a smaller start (the first room is a guess, not a need).
    while (!this.resize(bytes, 0)) {
      if (entries <= 64) return false;
      entries >>>= 1;
      arenaWords = Math.max(entries * 4, length);
      bytes = Slab.bytes([entries, 4], [entries, 4], [entries * 2, 4], [arenaWords, 4]);
    }
    const slab = new Slab(bytes);
    this.slab = slab;
    this.hashes = slab.int32(entries);
    this.offsets = slab.uint32(entries);
    this.slots = slab.int32(entries * 2);
    this.mask = entries * 2 - 1;
    this.arena = slab.uint32(arenaWords);
    return true;
  }

  private resize(newBytes: number, oldBytes: number): boolean {
    // While growing, old and new arrays are both alive: reserve both, then release the old one.
    if (!this.budget.reserve(newBytes)) return false;
    this.budget.release(oldBytes);
    this.reserved += newBytes - oldBytes;
    return true;
  }

  private rehash(): void {
    const capacity = this.slots.length * 2;
    const slots = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let e = 0; e < this.size; e++) {
      let slot = this.hashes[e]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = e + 1;
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** Returns this cache's memory to the budget; the cache must not be used afterwards. */
  dispose(): void {
    this.budget.release(this.reserved);
    this.reserved = 0;
    this.slab?.release();
    this.slab = undefined;
    this.slots = NO_INT32;
    this.hashes = NO_INT32;
    this.offsets = NO_UINT32;
    this.arena = NO_UINT32;
  }
}

/** The most entries a cache starts with: its first slab is then 512 KiB, still small enough to be pooled. */
const MAX_INITIAL_ENTRIES = 1 << 14;

/** Shared empty arrays for a cache that holds nothing (allocating even an empty typed array costs). */
const NO_INT32 = new Int32Array(0);
const NO_UINT32 = new Uint32Array(0);

type TypedArrayOf<T> = { new (length: number): T };

function grown<T extends Int32Array | Uint32Array>(old: T, capacity: number, Kind: TypedArrayOf<T>): T {
  const next = new Kind(capacity);
  next.set(old);
  return next;
}
