import type { Anomaly } from '../anomaly.ts';
import { DepGraphBuilder } from '../graph/dep-graph.ts';
import { addProcessEdges, addRealtimeEdges } from '../graph/order-edges.ts';
import { stronglyConnected } from '../graph/scc.ts';
import { showElem, type Elem, type Txn, type TxnHistory } from '../history/txn.ts';

/** The register's initial state, nil, as a version distinct from every written value. */
export const NIL = '\u0000nil';
/** A register version: a written value or nil. */
export type Val = Elem | typeof NIL;
/** Per key, each version's successors in the inferred version order. */
export type VersionGraphs = Map<Elem, Map<Val, Set<Val>>>;

/** A transaction's external reads (first read of a key before writing it) and writes (last write per key), jepsen.txn. */
export interface External { readonly reads: Map<Elem, Val>; readonly writes: Map<Elem, Val> }

/** External reads and writes of `t` (jepsen.txn `ext-reads`, `ext-writes`). */
export function external(t: Txn): External {
  const reads = new Map<Elem, Val>();
  const writes = new Map<Elem, Val>();
  for (const m of t.mops) {
    const v: Val = m.value === null ? NIL : (m.value as Elem);
    if (m.f === 'r') {
      if (!writes.has(m.key) && !reads.has(m.key)) reads.set(m.key, v);
    } else {
      writes.set(m.key, v);
    }
  }
  return { reads, writes };
}

/** Which version-order sources to use, Elle's rw-register options. */
export interface VersionOptions {
  /**
   * A white-box commit order: completion `:index` -> its position in a total order of transactions
   * (Elle's `:transaction-order`); each key's external writes are ordered by it.
   */
  readonly transactionOrder?: ReadonlyMap<number, number>;
  readonly wfrKeys?: boolean;
  readonly sequentialKeys?: boolean;
  readonly linearizableKeys?: boolean;
}

function link(g: VersionGraphs, k: Elem, a: Val, b: Val): void {
  if (a === b) return;
  let m = g.get(k);
  if (m === undefined) g.set(k, (m = new Map()));
  let s = m.get(a);
  if (s === undefined) m.set(a, (s = new Set()));
  s.add(b);
}

/** nil precedes every value written (ok or info) or read (ok) (elle rw_register.clj `initial-state-version-graphs`). */
function initialState(txns: readonly Txn[], ext: readonly External[]): VersionGraphs {
  const g: VersionGraphs = new Map();
  for (const t of txns) {
    if (t.type === 'fail') continue;
    const e = ext[t.id]!;
    for (const [k, v] of e.writes) if (v !== NIL) link(g, k, NIL, v);
    if (t.type === 'ok') for (const [k, v] of e.reads) if (v !== NIL) link(g, k, NIL, v);
  }
  return g;
}

/**
 * Each key's external writes by ok and info transactions, sorted by their transaction's position in
 * `order` (unlisted transactions first, as Clojure sorts nil, ties kept in history order), each
 * version preceding the next (rw_register.clj `transaction-order-graphs`).
 */
function transactionOrderGraphs(txns: readonly Txn[], ext: readonly External[], order: ReadonlyMap<number, number>): VersionGraphs {
  const byKey = new Map<Elem, { v: Val; at: number }[]>();
  for (const t of txns) {
    if (t.type === 'fail') continue;
    const at = order.get(t.index) ?? -Infinity;
    for (const [k, v] of ext[t.id]!.writes) {
      let l = byKey.get(k);
      if (l === undefined) byKey.set(k, (l = []));
      l.push({ v, at });
    }
  }
  const g: VersionGraphs = new Map();
  for (const [k, l] of byKey) {
    l.sort((a, b) => a.at - b.at || 0);
    for (let i = 0; i + 1 < l.length; i++) link(g, k, l[i]!.v, l[i + 1]!.v);
  }
  return g;
}

/** A read then a write of one key in one committed transaction orders the two (rw_register.clj `wfr-version-graphs`). */
function writesFollowReads(txns: readonly Txn[], ext: readonly External[]): VersionGraphs {
  const g: VersionGraphs = new Map();
  for (const t of txns) {
    if (t.type !== 'ok') continue;
    const e = ext[t.id]!;
    for (const [k, v] of e.reads) {
      const w = e.writes.get(k);
      if (v !== NIL && w !== undefined && w !== NIL) link(g, k, v, w);
    }
  }
  return g;
}

/**
 * Versions ordered by a transaction order (process or realtime), assuming each key is sequential
 * or linearizable on its own (rw_register.clj `transaction-graph->version-graphs`, `ext-key-graph`):
 * a transaction's last external version of k precedes the first external version of k in each
 * nearest following transaction that touched k. Crashed transactions count by their writes only;
 * failed ones are seen through.
 */
function orderVersionGraphs(h: TxnHistory, ext: readonly External[], order: 'process' | 'realtime'): VersionGraphs {
  const n = h.txns.length;
  const b = new DepGraphBuilder(n);
  if (order === 'process') addProcessEdges(h, b);
  else addRealtimeEdges(h, b);
  const g = b.build();
  const extKeys = (t: Txn): Set<Elem> => {
    const e = ext[t.id]!;
    if (t.type === 'fail') return new Set();
    return t.type === 'ok' ? new Set([...e.reads.keys(), ...e.writes.keys()]) : new Set(e.writes.keys());
  };
  // Edges go from an earlier completion to a later one, so descending ids is a reverse topological order.
  const down: (Map<Elem, Set<number>> | undefined)[] = new Array(n);
  const keysOf: (Set<Elem> | undefined)[] = new Array(n);
  const keys = (id: number): Set<Elem> => (keysOf[id] ??= extKeys(h.txns[id]!));
  const out: VersionGraphs = new Map();
  for (let a = n - 1; a >= 0; a--) {
    if (g.start[a] === g.start[a + 1]) continue;
    const d = new Map<Elem, Set<number>>();
    for (let i = g.start[a]!; i < g.start[a + 1]!; i++) {
      const c = g.dst[i]!;
      const ck = keys(c);
      for (const k of ck) addTo(d, k, c);
      for (const [k, s] of down[c] ?? []) if (!ck.has(k)) for (const x of s) addTo(d, k, x);
    }
    down[a] = d;
    const ta = h.txns[a]!;
    for (const [k, bs] of d) {
      const v1 = lastVersion(ta, ext[a]!, k);
      if (v1 === undefined) continue;
      for (const c of bs) {
        const v2 = firstVersion(h.txns[c]!, ext[c]!, k);
        if (v2 !== undefined && v2 !== v1) link(out, k, v1, v2);
      }
    }
  }
  return out;
}

function addTo(d: Map<Elem, Set<number>>, k: Elem, id: number): void {
  const s = d.get(k);
  if (s === undefined) d.set(k, new Set([id]));
  else s.add(id);
}

// Clojure's `(or write read)`: nil falls through.
function lastVersion(t: Txn, e: External, k: Elem): Val | undefined {
  if (t.type === 'fail') return undefined;
  const w = e.writes.get(k);
  if (t.type === 'info') return w;
  return w !== undefined && w !== NIL ? w : (e.reads.get(k) ?? NIL);
}

function firstVersion(t: Txn, e: External, k: Elem): Val | undefined {
  if (t.type === 'fail') return undefined;
  if (t.type === 'info') return e.writes.get(k);
  const r = e.reads.get(k);
  return r !== undefined && r !== NIL ? r : (e.writes.get(k) ?? NIL);
}

/** Version graphs from every requested source, and the cycles that made Elle skip a source. */
export interface VersionResult {
  readonly graphs: VersionGraphs;
  readonly sources: readonly string[];
  readonly cyclic: readonly Anomaly[];
}

/**
 * Combines the sources in Elle's order (initial-state, transaction-order-keys, wfr-keys, sequential-keys,
 * linearizable-keys); a source whose union with the accepted ones has a cycle is left out and
 * each cycle reported as `cyclic-versions` (rw_register.clj `version-graphs`, `cyclic-version-cases`).
 */
export function versionGraphs(h: TxnHistory, ext: readonly External[], o: VersionOptions): VersionResult {
  const analyzers: [string, () => VersionGraphs][] = [['initial-state', () => initialState(h.txns, ext)]];
  const order = o.transactionOrder;
  if (order !== undefined) analyzers.push(['transaction-order-keys', () => transactionOrderGraphs(h.txns, ext, order)]);
  if (o.wfrKeys === true) analyzers.push(['wfr-keys', () => writesFollowReads(h.txns, ext)]);
  if (o.sequentialKeys === true) analyzers.push(['sequential-keys', () => orderVersionGraphs(h, ext, 'process')]);
  if (o.linearizableKeys === true) analyzers.push(['linearizable-keys', () => orderVersionGraphs(h, ext, 'realtime')]);
  let graphs: VersionGraphs = new Map();
  const sources: string[] = [];
  const cyclic: Anomaly[] = [];
  for (const [name, grapher] of analyzers) {
    const merged = union(graphs, grapher());
    const cycles = versionCycles(merged);
    if (cycles.length === 0) {
      graphs = merged;
      sources.push(name);
      continue;
    }
    const srcs = [...sources, name];
    for (const c of cycles) {
      const shown = c.scc.map(show).join(' ');
      cyclic.push({ type: 'cyclic-versions', txns: [], text: `key ${showElem(c.key)} has a cycle in its version order among {${shown}}, inferred from ${srcs.join(', ')}; ${name} is left out`, key: c.key, scc: c.scc.map((v) => (v === NIL ? null : v)), sources: srcs } as Anomaly);
    }
  }
  return { graphs, sources, cyclic };
}

function show(v: Val): string {
  return v === NIL ? 'nil' : showElem(v);
}

function union(a: VersionGraphs, b: VersionGraphs): VersionGraphs {
  const out: VersionGraphs = new Map();
  for (const src of [a, b]) for (const [k, m] of src) for (const [v, s] of m) for (const w of s) link(out, k, v, w);
  return out;
}

/** Nontrivial SCCs of each key's version graph, sorted as Elle sorts them (by least member). */
function versionCycles(g: VersionGraphs): { key: Elem; scc: Val[] }[] {
  const out: { key: Elem; scc: Val[] }[] = [];
  for (const [k, m] of g) {
    const ids = new Map<Val, number>();
    const vals: Val[] = [];
    const id = (v: Val): number => {
      let i = ids.get(v);
      if (i === undefined) { ids.set(v, (i = vals.length)); vals.push(v); }
      return i;
    };
    const edges: [number, number][] = [];
    for (const [v, s] of m) for (const w of s) edges.push([id(v), id(w)]);
    const b = new DepGraphBuilder(vals.length);
    for (const [x, y] of edges) b.link(x, y, 1);
    const sccs = stronglyConnected(b.build(), 1, null).map((c) => c.map((i) => vals[i]!));
    sccs.sort((p, q) => rank(p) - rank(q));
    for (const scc of sccs) out.push({ key: k, scc: scc.sort((p, q) => rank([p]) - rank([q])) });
  }
  return out;
}

// nil first, then numbers ascending; other values keep their order.
function rank(vs: readonly Val[]): number {
  let r = Infinity;
  for (const v of vs) r = Math.min(r, v === NIL ? -Infinity : typeof v === 'number' ? v : Infinity);
  return r;
}
