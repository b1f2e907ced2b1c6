import { addAnomaly, TxnCheckUnknown, type AnomalyMap, type CycleStep } from '../anomaly.ts';
import { checkWithinBudget, type BudgetGuard } from '../budget.ts';
import { findCycles } from '../cycles/cycles.ts';
import { DepGraphBuilder } from '../graph/dep-graph.ts';
import { explainOrderEdge } from '../graph/order-explain.ts';
import { addProcessEdges, addRealtimeEdges } from '../graph/order-edges.ts';
import { PROCESS, REALTIME, RW, WR, WW } from '../graph/rels.ts';
import { showElem, txnName, type Elem, type Txn, type TxnHistory } from '../history/txn.ts';
import { lostUpdateCases } from '../list-append/anomalies.ts';
import type { ListAppendOptions } from '../list-append/check.ts';
import { external, NIL, versionGraphs, type Val, type VersionOptions } from './versions.ts';
import { orderGraphsNeeded } from '../order-needed.ts';
import { prohibitedAnomalies, resultMap, type TxnCheckResult } from '../result.ts';

/**
 * Options of an rw-register check: `wfrKeys` assumes writes follow reads within a transaction,
 * `sequentialKeys` that each key is sequentially consistent (process order orders its versions),
 * `linearizableKeys` that each key is linearizable (realtime order does): Elle's `:wfr-keys?`,
 * `:sequential-keys?`, `:linearizable-keys?`.
 */
export interface RwRegisterOptions extends ListAppendOptions, VersionOptions {}

/**
 * Checks an rw-register history as Elle's rw-register checker does (jepsen-io/elle
 * src/elle/rw_register.clj `check`): G1a, G1b, internal and lost updates directly; wr edges from
 * each value's unique writer to its readers; ww and rw edges from the version order inferable
 * (nil, the initial state, precedes every value: `initial-state-version-graphs`) and from the
 * sources the options allow (see versions.ts); cyclic-versions where a source contradicts the others.
 */
export function checkRwRegister(h: TxnHistory, options: RwRegisterOptions = {}): TxnCheckResult {
  return checkWithinBudget(options, (guard) => run(h, options, guard));
}

function run(h: TxnHistory, options: RwRegisterOptions, guard: BudgetGuard): TxnCheckResult {
  const { txns } = h;
  const bad = txns.find((t) => t.mops.some((m) => m.f !== 'r' && m.f !== 'w'));
  if (bad !== undefined) throw new TxnCheckUnknown('unexpected-txn-micro-op-types', `history contained operations other than writes or reads, e.g. ${txnName(bad)}`);
  const found: AnomalyMap = new Map();
  directCases(txns, found);
  lostUpdateCases(txns, found);
  guard.check('looking for non-cycle anomalies');
  // ext-index: key -> value -> ok transactions (elle rw_register.clj `ext-index` indexes ok ops only).
  const extR = new Map<Elem, Map<Val, number[]>>();
  const extW = new Map<Elem, Map<Val, number[]>>();
  const push = (idx: Map<Elem, Map<Val, number[]>>, k: Elem, v: Val, id: number): void => {
    let m = idx.get(k);
    if (m === undefined) idx.set(k, (m = new Map()));
    const l = m.get(v);
    if (l === undefined) m.set(v, [id]);
    else l.push(id);
  };
  const ext = txns.map(external);
  for (const t of txns) {
    if (t.type !== 'ok') continue;
    const { reads, writes } = ext[t.id]!;
    for (const [k, v] of reads) push(extR, k, v, t.id);
    for (const [k, v] of writes) push(extW, k, v, t.id);
  }
  const { graphs: versions, cyclic } = versionGraphs(h, ext, options);
  for (const a of cyclic) addAnomaly(found, a);
  const b = new DepGraphBuilder(txns.length);
  for (const [k, byV] of extR) {
    for (const [v, readers] of byV) {
      const writers = extW.get(k)?.get(v) ?? [];
      if (writers.length > 1) throw new TxnCheckUnknown('duplicate-writes', `key ${showElem(k)} had value ${show(v)} written by more than one transaction: ${writers.map((i) => txnName(txns[i]!)).join(', ')}`);
      if (writers.length === 1) for (const r of readers) b.link(writers[0]!, r, WR);
    }
  }
  for (const [k, g] of versions) {
    for (const [v1, next] of g) {
      for (const v2 of next) {
        const w2 = extW.get(k)?.get(v2) ?? [];
        for (const a of extW.get(k)?.get(v1) ?? []) for (const c of w2) b.link(a, c, WW);
        for (const a of extR.get(k)?.get(v1) ?? []) for (const c of w2) b.link(a, c, RW);
      }
    }
  }
  const order = orderGraphsNeeded(prohibitedAnomalies(options));
  if (order === 'realtime') addRealtimeEdges(h, b);
  else if (order === 'process') addProcessEdges(h, b);
  const graph = b.build();
  guard.check('building the dependency graph');
  if (graph.edgeCount === 0) found.set('empty-transaction-graph', [{ type: 'empty-transaction-graph', txns: [], text: 'no transaction depends on another: the graph has no edges' }]);
  const explain = (a: number, c: number, rel: number): CycleStep => explainEdge(txns[a]!, txns[c]!, rel, versions);
  findCycles(graph, explain, { sccTimeoutMs: options.sccTimeoutMs, deadlineAt: guard.deadlineAt, name: (id) => txnName(txns[id]!), explainedRel }, found);
  guard.check('searching for cycles');
  return resultMap(options, found);
}

// rw_register.clj `graph`: explainers wr, then ww and rw, then the additional (process, realtime) graphs.
function explainedRel(bits: number): number {
  for (const r of [WR, WW, RW, PROCESS, REALTIME]) if ((bits & r) !== 0) return r;
  return bits;
}

function show(v: Val): string {
  return v === NIL ? 'nil' : showElem(v);
}

function explainEdge(a: Txn, b: Txn, rel: number, versions: Map<Elem, Map<Val, Set<Val>>>): CycleStep {
  if (rel === PROCESS || rel === REALTIME) return explainOrderEdge(a, b, rel);
  const ea = external(a);
  const eb = external(b);
  const an = txnName(a), bn = txnName(b);
  if (rel === WR) {
    for (const [k, v] of ea.writes) if (eb.reads.get(k) === v) return { type: 'wr', key: k, value: v as Elem, text: `${an} wrote ${showElem(k)} = ${show(v)}, which was read by ${bn}` };
  }
  const from = rel === WW ? ea.writes : ea.reads;
  for (const [k, v1] of from) {
    const v2 = eb.writes.get(k);
    if (v2 !== undefined && versions.get(k)?.get(v1)?.has(v2) === true) {
      // Elle's WWExplainer / RWExplainer render-explanation (rw_register.clj).
      const text = rel === WW ? `${an} set key ${showElem(k)} to ${show(v1)}, and ${bn} set it to ${show(v2)}, which came later in the version order` : `${an} read key ${showElem(k)} = ${show(v1)}, and ${bn} set it to ${show(v2)}, which came later in the version order`;
      return { type: rel === WW ? 'ww' : 'rw', key: k, value: v1 === NIL ? 'init' : v1, value2: v2 as Elem, text };
    }
  }
  return { type: rel === WW ? 'ww' : rel === WR ? 'wr' : 'rw', text: `${bn} depends on ${an}` };
}

/** G1a, G1b and internal for registers (elle rw_register.clj g1a-cases, g1b-cases, op-internal-case). */
function directCases(txns: readonly Txn[], out: AnomalyMap): void {
  const failed = new Map<string, Txn>();
  const intermediate = new Map<string, Txn>();
  const kv = (k: Elem, v: Val): string => `${typeof k}:${String(k)}\u0001${typeof v}:${String(v)}`;
  for (const t of txns) {
    const last = new Map<Elem, Val>();
    for (const m of t.mops) {
      if (m.f !== 'w') continue;
      const v: Val = m.value === null ? NIL : (m.value as Elem);
      if (t.type === 'fail') failed.set(kv(m.key, v), t);
      const prev = last.get(m.key);
      if (prev !== undefined) intermediate.set(kv(m.key, prev), t);
      last.set(m.key, v);
    }
  }
  for (const t of txns) {
    if (t.type !== 'ok') continue;
    const state = new Map<Elem, Val>();
    let internal = false;
    for (const m of t.mops) {
      const v: Val = m.value === null ? NIL : (m.value as Elem);
      if (m.f === 'w') { state.set(m.key, v); continue; }
      const w = failed.get(kv(m.key, v));
      if (w !== undefined) addAnomaly(out, { type: 'G1a', txns: [t.id, w.id], text: `${txnName(t)} read ${showElem(m.key)} = ${show(v)}, written by ${txnName(w)}, which failed` });
      const im = intermediate.get(kv(m.key, v));
      if (im !== undefined && im.id !== t.id) addAnomaly(out, { type: 'G1b', txns: [t.id, im.id], text: `${txnName(t)} read ${showElem(m.key)} = ${show(v)}, an intermediate write of ${txnName(im)}` });
      const s = state.get(m.key);
      if (!internal && s !== undefined && s !== v) {
        internal = true;
        addAnomaly(out, { type: 'internal', txns: [t.id], text: `${txnName(t)} read ${showElem(m.key)} = ${show(v)} but expected ${show(s)} from its own earlier micro-ops` });
      }
      state.set(m.key, v);
    }
  }
}
