import type { Entry } from './messages.ts';

/**
 * The replicated log, indices from 1 (Raft Figure 2). Index 0 is the empty prefix, of term 0.
 * Entries up to `snapIndex` are compacted into a snapshot (Raft §7): only its last index and term
 * are kept here, the state it holds is the host's.
 */
export class RaftLog {
  private entries: Entry[] = [];
  /** The last index and term the snapshot covers (0, 0 without one). */
  snapIndex = 0;
  snapTerm = 0;

  constructor(initial: readonly Entry[] = [], snap: { index: number; term: number } = { index: 0, term: 0 }) {
    this.snapIndex = snap.index;
    this.snapTerm = snap.term;
    for (const e of initial) this.entries.push(e);
  }

  get lastIndex(): number {
    return this.snapIndex + this.entries.length;
  }

  get lastTerm(): number {
    return this.termAt(this.lastIndex) ?? 0;
  }

  /** The term of the entry at `index`, 0 for index 0, undefined past the end or behind the snapshot. */
  termAt(index: number): number | undefined {
    if (index === this.snapIndex) return this.snapTerm;
    if (index < this.snapIndex) return undefined;
    return this.entries[index - this.snapIndex - 1]?.term;
  }

  entry(index: number): Entry | undefined {
    return index <= this.snapIndex ? undefined : this.entries[index - this.snapIndex - 1];
  }

  /** Entries with index in [from, to], inclusive (those behind the snapshot are gone). */
  slice(from: number, to: number): Entry[] {
    return this.entries.slice(Math.max(0, from - this.snapIndex - 1), Math.max(0, to - this.snapIndex));
  }

  /** Appends one new entry at the end (the leader's own proposal). */
  append(term: number, command: unknown): Entry {
    const entry: Entry = { term, index: this.lastIndex + 1, command };
    this.entries.push(entry);
    return entry;
  }

  /** Drops the entries up to `index` (which must be in the log), now held by a snapshot. */
  compact(index: number): void {
    const term = this.termAt(index);
    if (term === undefined || index <= this.snapIndex) return;
    this.entries = this.entries.slice(index - this.snapIndex);
    this.snapIndex = index;
    this.snapTerm = term;
  }

  /**
   * Takes a leader's snapshot ending at (index, term): if this log holds that entry the tail after it
   * is kept (Raft §7, "retain log entries following it"), else the whole log is replaced. Returns whether the tail was kept.
   */
  installSnapshot(index: number, term: number): boolean {
    if (this.termAt(index) === term && index >= this.snapIndex) {
      this.compact(index);
      return true;
    }
    this.entries = [];
    this.snapIndex = index;
    this.snapTerm = term;
    return false;
  }

  /** The §5.4.1 election restriction: is a log ending at (lastTerm, lastIndex) at least as up to date as this one? */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    return lastTerm > this.lastTerm || (lastTerm === this.lastTerm && lastIndex >= this.lastIndex);
  }

  /**
   * A follower's AppendEntries step 3–4 (Figure 2): entries after `prevIndex` that conflict with
   * ours (same index, other term) are cut with everything after them, and new ones are appended.
   * Entries already present are kept: a stale or duplicated append never truncates; entries behind
   * the snapshot are committed, so they are skipped. Returns the index from which entries were
   * written (to persist) or undefined when nothing changed, and whether a conflict cut the log.
   */
  merge(incoming: readonly Entry[]): { writtenFrom: number | undefined; truncatedFrom: number | undefined } {
    let i = 0;
    while (i < incoming.length && (incoming[i]!.index <= this.snapIndex || this.termAt(incoming[i]!.index) === incoming[i]!.term)) i++;
    if (i === incoming.length) return { writtenFrom: undefined, truncatedFrom: undefined };
    const first = incoming[i]!.index;
    const truncatedFrom = first <= this.lastIndex ? first : undefined;
    this.entries.length = first - this.snapIndex - 1;
    for (; i < incoming.length; i++) this.entries.push(incoming[i]!);
    return { writtenFrom: first, truncatedFrom };
  }
}
