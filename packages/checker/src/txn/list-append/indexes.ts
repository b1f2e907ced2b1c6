import type { Elem, Mop, Txn } from '../history/txn.ts';

/** The initial (empty) state of a key, as a read-index entry (elle list_append.clj `::init`). */
export const INIT = '\u0000init';

/** What list-append inference knows about one key. */
export interface KeyIndex {
  /** The version order: the elements of the longest read, duplicates dropped (elle `append-index`). */
  values: Elem[];
  /** Element -> position in `values`. */
  positions: Map<Elem, number>;
  /** Element -> id of the (ok or info) transaction that appended it (elle `write-index`). */
  writers: Map<Elem, number>;
  /** Last element read (or INIT) -> ids of transactions whose read ended there (elle `read-index`). */
  readers: Map<Elem, number[]>;
}

/** Whether a transaction may have happened: committed or unknown (Jepsen's `h/possible`). */
export function possible(t: Txn): boolean {
  return t.type !== 'fail';
}

/** A read's list (null, from an unknown read, as the empty list). */
export function readList(m: Mop): readonly Elem[] {
  return m.value === null ? [] : Array.isArray(m.value) ? (m.value as readonly Elem[]) : [m.value as Elem];
}

/**
 * Builds per-key indexes from the ok and info transactions: version orders from the longest read
 * of each key (every read reveals a prefix of the order; elle list_append.clj `sorted-values`),
 * or from a key's only append when it has exactly one (`values-from-single-appends`).
 * `includeFailed`: index failed transactions too (dirty-update uses every client operation).
 */
export function buildIndexes(txns: readonly Txn[], includeFailed = false): Map<Elem, KeyIndex> {
  const keys = new Map<Elem, KeyIndex>();
  const longest = new Map<Elem, readonly Elem[]>();
  const appendCount = new Map<Elem, Elem | typeof TOO_MANY>();
  const key = (k: Elem): KeyIndex => {
    let ki = keys.get(k);
    if (ki === undefined) {
      ki = { values: [], positions: new Map(), writers: new Map(), readers: new Map() };
      keys.set(k, ki);
    }
    return ki;
  };
  for (const t of txns) {
    if (!includeFailed && !possible(t)) continue;
    for (const m of t.mops) {
      if (m.f === 'append') {
        const ki = key(m.key);
        ki.writers.set(m.value as Elem, t.id);
        appendCount.set(m.key, appendCount.has(m.key) ? TOO_MANY : (m.value as Elem));
      } else if (m.f === 'r') {
        const ki = key(m.key);
        if (t.type === 'info' && m.value === null) continue;
        const v = readList(m);
        const last = v.length === 0 ? INIT : v[v.length - 1]!;
        const rs = ki.readers.get(last);
        if (rs === undefined) ki.readers.set(last, [t.id]);
        else if (rs[rs.length - 1] !== t.id) rs.push(t.id);
        if (v.length > 0) {
          const l = longest.get(m.key);
          if (l === undefined || v.length > l.length) longest.set(m.key, v);
        }
      }
    }
  }
  for (const [k, ki] of keys) {
    const single = appendCount.get(k);
    const order = single !== undefined && single !== TOO_MANY ? [single] : longest.get(k) ?? [];
    for (const e of order) {
      if (ki.positions.has(e)) continue;
      ki.positions.set(e, ki.values.length);
      ki.values.push(e);
    }
  }
  return keys;
}

const TOO_MANY = Symbol('too many appends');

/**
 * The element appended just before `v` to this key, or, when `v` was never read, the last element
 * read (it came after all of those); INIT when it was, or can only be shown to follow, the first
 * (elle list_append.clj `previously-appended-element`).
 */
export function previousElement(ki: KeyIndex | undefined, v: Elem): Elem {
  if (ki === undefined) return INIT;
  const at = ki.positions.get(v);
  if (at !== undefined) return at > 0 ? ki.values[at - 1]! : INIT;
  return ki.values.length > 0 ? ki.values[ki.values.length - 1]! : INIT;
}
