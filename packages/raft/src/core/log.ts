import type { Entry } from './messages.ts';

/**
 * The replicated log, indices from 1 (Raft Figure 2). Index 0 is the empty prefix, of term 0.
 * Holds every entry in memory; compaction by snapshot is not implemented yet.
 */
export class RaftLog {
  private readonly entries: Entry[] = [];

  constructor(initial: readonly Entry[] = []) {
    for (const e of initial) this.entries.push(e);
  }

  get lastIndex(): number {
    return this.entries.length;
  }

  get lastTerm(): number {
    return this.termAt(this.lastIndex) ?? 0;
  }

  /** The term of the entry at `index`, 0 for index 0, undefined past the end. */
  termAt(index: number): number | undefined {
    if (index === 0) return 0;
    return this.entries[index - 1]?.term;
  }

  entry(index: number): Entry | undefined {
    return this.entries[index - 1];
  }

  /** Entries with index in [from, to], inclusive. */
  slice(from: number, to: number): Entry[] {
    return this.entries.slice(Math.max(0, from - 1), Math.max(0, to));
  }

  /** Appends one new entry at the end (the leader's own proposal). */
  append(term: number, command: unknown): Entry {
    const entry: Entry = { term, index: this.lastIndex + 1, command };
    this.entries.push(entry);
    return entry;
  }

  /** The §5.4.1 election restriction: is a log ending at (lastTerm, lastIndex) at least as up to date as this one? */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    return lastTerm > this.lastTerm || (lastTerm === this.lastTerm && lastIndex >= this.lastIndex);
  }

  /**
   * A follower's AppendEntries step 3–4 (Figure 2): entries after `prevIndex` that conflict with
   * ours (same index, other term) are cut with everything after them, and new ones are appended.
   * Entries already present are kept: a stale or duplicated append never truncates. Returns the
   * index from which entries were written (to persist) or undefined when nothing changed, and
   * whether a conflict cut the log.
   */
  merge(incoming: readonly Entry[]): { writtenFrom: number | undefined; truncatedFrom: number | undefined } {
    let i = 0;
    while (i < incoming.length && this.termAt(incoming[i]!.index) === incoming[i]!.term) i++;
    if (i === incoming.length) return { writtenFrom: undefined, truncatedFrom: undefined };
    const first = incoming[i]!.index;
    const truncatedFrom = first <= this.lastIndex ? first : undefined;
    this.entries.length = first - 1;
    for (; i < incoming.length; i++) this.entries.push(incoming[i]!);
    return { writtenFrom: first, truncatedFrom };
  }
}
