import { ClockConfigError } from './errors.ts';
import { vcGet, type VectorClock } from './vector-clock.ts';

/** One writer's part of a DVV set: its highest counter `n` and the live values at dots (id, n), (id, n−1), … */
export interface DvvEntry<V> {
  readonly id: string;
  readonly n: number;
  readonly values: readonly V[];
}

/**
 * A dotted version vector set (Almeida, Baquero, Gonçalves, Preguiça, Fonte 2014, "Scalable and Accurate
 * Causality Tracking for Eventually Consistent Stores" — the DVVSet Riak uses): the sibling values of one
 * key plus its causal history, as one counter per writer. Entries are sorted by id.
 *
 * Why one list per writer suffices: a context is a join of clocks, so if it covers dot (i, k) it covers
 * every (i, j ≤ k); superseded dots are therefore always the oldest of a writer, and the live ones its
 * newest — the values of dots (i, n − |values| + 1 … n).
 *
 * Gives: exactly the values no other write causally supersedes — concurrent writes survive as siblings,
 * none are lost — in O(writers + siblings) space instead of a vector clock per sibling. Does NOT give:
 * a resolution of siblings (the application merges them and writes back with the joined context), a
 * bound on their number, or client-side ids: writers are the replicas that coordinate writes, and each
 * writer must always update the same replica's copy (the paper's anonymous values are left out).
 */
export interface DvvSet<V> {
  readonly entries: ReadonlyArray<DvvEntry<V>>;
}

/** A key that was never written. */
export function dvvEmpty<V>(): DvvSet<V> {
  return { entries: [] };
}

/**
 * The coordinator `writer` stores `value`, written by a client that had read `context` (a `dvvJoin`, or
 * the empty clock for a blind write): siblings the context covers are dropped, the rest are kept as
 * concurrent, and `value` gets the new dot (writer, max(n, context[writer]) + 1).
 */
export function dvvUpdate<V>(clock: DvvSet<V>, context: VectorClock, writer: string, value: V): DvvSet<V> {
  if (typeof writer !== 'string' || writer === '') {
    throw new ClockConfigError('writer', writer, 'must be a non-empty string');
  }
  const byId = new Map(clock.entries.map((e) => [e.id, e] as const));
  const ids = new Set([...byId.keys(), ...Object.keys(context), writer]);
  const out: DvvEntry<V>[] = [];
  for (const id of ids) {
    const { n, values } = byId.get(id) ?? { n: 0, values: [] };
    const seen = vcGet(context, id);
    const live = values.slice(0, Math.max(0, n - seen));
    const top = Math.max(n, seen);
    if (id === writer) out.push({ id, n: top + 1, values: [value, ...live] });
    else if (top > 0) out.push({ id, n: top, values: live });
  }
  return sorted(out);
}

/** Merges two replicas' copies of a key: keeps every value that neither side's history supersedes. */
export function dvvSync<V>(a: DvvSet<V>, b: DvvSet<V>): DvvSet<V> {
  const byId = new Map(b.entries.map((e) => [e.id, e] as const));
  const out: DvvEntry<V>[] = [];
  for (const x of a.entries) {
    const y = byId.get(x.id);
    byId.delete(x.id);
    out.push(y === undefined ? x : x.n >= y.n ? mergeEntry(x, y) : mergeEntry(y, x));
  }
  return sorted([...out, ...byId.values()]);
}

/** The current sibling values, by writer id then newest first; more than one means concurrent writes. */
export function dvvValues<V>(clock: DvvSet<V>): V[] {
  return clock.entries.flatMap((e) => e.values);
}

/** The causal context to hand a reader with the values: pass it back to `dvvUpdate` on the next write. */
export function dvvJoin<V>(clock: DvvSet<V>): VectorClock {
  return Object.freeze(Object.fromEntries(clock.entries.map((e) => [e.id, e.n])));
}

/** Merge of one writer's entries where `hi.n ≥ lo.n`: a dot stays live unless the other side saw it and dropped it. */
function mergeEntry<V>(hi: DvvEntry<V>, lo: DvvEntry<V>): DvvEntry<V> {
  const keep = Math.min(hi.values.length, hi.n - lo.n + lo.values.length);
  return { id: hi.id, n: hi.n, values: hi.values.slice(0, keep) };
}

function sorted<V>(entries: DvvEntry<V>[]): DvvSet<V> {
  return { entries: entries.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)) };
}
