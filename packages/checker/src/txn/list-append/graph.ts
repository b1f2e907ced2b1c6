import type { CycleStep } from '../anomaly.ts';
import type { DepGraphBuilder } from '../graph/dep-graph.ts';
import { RW, WR, WW } from '../graph/rels.ts';
import { showElem, txnName, type Elem, type Txn } from '../history/txn.ts';
import { INIT, possible, previousElement, readList, type KeyIndex } from './indexes.ts';

/**
 * Adds list-append's data dependencies (elle list_append.clj `ww-graph`, `wr-graph`, `rw-graph`):
 * wr from the appender of a read's last element to the reader; ww from the appender of the
 * previous element to each appender; rw from every reader of the previous state to the appender.
 */
export function addListAppendEdges(txns: readonly Txn[], keys: Map<Elem, KeyIndex>, b: DepGraphBuilder): void {
  for (const t of txns) {
    if (!possible(t)) continue;
    for (const m of t.mops) {
      const ki = keys.get(m.key);
      if (m.f === 'r') {
        const v = readList(m);
        if (v.length === 0 || ki === undefined) continue;
        const w = ki.writers.get(v[v.length - 1]!);
        if (w !== undefined) b.link(w, t.id, WR);
      } else if (m.f === 'append') {
        const prev = previousElement(ki, m.value as Elem);
        if (prev !== INIT) {
          const w = ki!.writers.get(prev);
          if (w !== undefined) b.link(w, t.id, WW);
        }
        const readers = ki?.readers.get(prev);
        if (readers !== undefined) for (const r of readers) b.link(r, t.id, RW);
      }
    }
  }
}

/** Explains a data edge a -> b of relationship `rel` in words, as Elle's explainers do; undefined if it cannot. */
export function explainListAppendEdge(a: Txn, b: Txn, rel: number, keys: Map<Elem, KeyIndex>): CycleStep | undefined {
  const an = txnName(a);
  const bn = txnName(b);
  for (const m of b.mops) {
    const ki = keys.get(m.key);
    if (ki === undefined) continue;
    if (rel === WR && m.f === 'r') {
      const v = readList(m);
      if (v.length === 0) continue;
      const last = v[v.length - 1]!;
      if (ki.writers.get(last) !== a.id) continue;
      return { type: 'wr', key: m.key, value: last, text: `${bn} observed ${an}'s append of ${showElem(last)} to key ${showElem(m.key)}` };
    }
    if (m.f !== 'append') continue;
    const v = m.value as Elem;
    const prev = previousElement(ki, v);
    if (rel === WW && prev !== INIT && ki.writers.get(prev) === a.id) {
      return { type: 'ww', key: m.key, value: prev, value2: v, text: `${bn} appended ${showElem(v)} after ${an} appended ${showElem(prev)} to ${showElem(m.key)}` };
    }
    if (rel === RW && (ki.readers.get(prev) ?? []).includes(a.id)) {
      const text = prev === INIT
        ? `${an} observed the initial (nil) state of ${showElem(m.key)}, which ${bn} created by appending ${showElem(v)}`
        : `${an} did not observe ${bn}'s append of ${showElem(v)} to ${showElem(m.key)}`;
      return { type: 'rw', key: m.key, value: prev === INIT ? 'init' : prev, value2: v, text };
    }
  }
  return undefined;
}

