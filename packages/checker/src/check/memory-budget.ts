/** Bytes a check may hold in its search caches; shared by all partitions of one check. */
export class MemoryBudget {
  /** The cap in bytes (Infinity: none). */
  readonly limit: number;
  /** Bytes currently reserved. */
  used = 0;

  constructor(limitBytes: number) {
    this.limit = limitBytes;
  }

  /** Reserves `bytes` if they fit under the cap; returns whether they did. */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.limit) return false;
    this.used += bytes;
    return true;
  }

  /** Returns `bytes` reserved earlier. */
  release(bytes: number): void {
    this.used -= bytes;
  }
}

/** The default memory budget of a check: 2 GiB of search caches. */
export const DEFAULT_MAX_MEMORY_MB = 2048;
