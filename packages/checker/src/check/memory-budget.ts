/** Bytes a check may hold: operations read, their search form and the search caches; shared by all partitions of one check. */
export class MemoryBudget {
  /** The cap in bytes (Infinity: none). */
  readonly limit: number;
  /** Bytes currently reserved. */
  used = 0;
  /** The most bytes reserved at once so far. */
  peak = 0;

  constructor(limitBytes: number) {
    this.limit = limitBytes;
  }

  /** Reserves `bytes` if they fit under the cap; returns whether they did. */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    if (this.used > this.peak) this.peak = this.used;
    return true;
  }

  /** Counts `bytes` already taken (e.g. operations read, checked against the cap as they came), even past the cap. */
  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.peak) this.peak = this.used;
  }

  /** Returns `bytes` reserved earlier. */
  release(bytes: number): void {
    this.used -= bytes;
  }
}

/** The default memory budget of a check: 2 GiB. */
export const DEFAULT_MAX_MEMORY_MB = 2048;

/*
 * What the budget counts besides the search caches: live heap bytes per operation, measured on
 * Node 20 with a sequential register history (heap used after a full GC, per phase; GC slack comes
 * on top, so a process's peak RSS is about 1.5× what the budget counts).
 */

/** Bytes one operation takes in its search form (prepared input/output, the search's view, its slab of index arrays; measured ~175). */
export const SEARCH_OP_BYTES = 192;

/** Heap bytes one operation read from a file takes once paired (the Operation; its events are dropped; measured ~110). */
export const READ_OP_BYTES = 128;

/** Heap bytes one event kept after reading takes (only when the caller keeps them, e.g. for a report; measured ~76). */
export const EVENT_BYTES = 80;
