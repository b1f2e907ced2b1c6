import type { AnomalyMap } from '../anomaly.ts';
import { checkWithinBudget, type BudgetGuard, type TxnBudget } from '../budget.ts';
import { findCycles } from '../cycles/cycles.ts';
import { DepGraphBuilder } from '../graph/dep-graph.ts';
import { explainOrderEdge } from '../graph/order-explain.ts';
import { addProcessEdges, addRealtimeEdges } from '../graph/order-edges.ts';
import { PROCESS, REALTIME } from '../graph/rels.ts';
import { txnName, type TxnHistory } from '../history/txn.ts';
import { prohibitedAnomalies, resultMap, type TxnCheckResult, type TxnExpectations } from '../result.ts';
import { orderGraphsNeeded } from '../order-needed.ts';
import { dirtyUpdateCases, duplicateCases, g1aCases, g1bCases, incompatibleOrderCases, internalCases, lostUpdateCases, verifyListAppend } from './anomalies.ts';
import { addListAppendEdges, explainListAppendEdge } from './graph.ts';
import { buildIndexes } from './indexes.ts';

/** Options of a list-append check: what must hold, the budget, and the per-component search timeout. */
export interface ListAppendOptions extends TxnExpectations, TxnBudget {
  readonly sccTimeoutMs?: number;
}

/**
 * Checks a list-append history as Elle's list-append checker does (jepsen-io/elle
 * src/elle/list_append.clj `check`): non-cycle anomalies, then the ww/wr/rw graph (plus process or
 * realtime order when a requested model needs them) and its cycles, then the verdict.
 */
export function checkListAppend(h: TxnHistory, options: ListAppendOptions = {}): TxnCheckResult {
  return checkWithinBudget(options, (guard) => run(h, options, guard));
}

function run(h: TxnHistory, options: ListAppendOptions, guard: BudgetGuard): TxnCheckResult {
  const { txns } = h;
  verifyListAppend(txns, h.dangling);
  const found: AnomalyMap = new Map();
  g1aCases(txns, found);
  g1bCases(txns, found);
  internalCases(txns, found);
  duplicateCases(txns, found);
  incompatibleOrderCases(txns, found);
  lostUpdateCases(txns, found);
  guard.check('looking for non-cycle anomalies');
  const keys = buildIndexes(txns);
  // Dirty updates need a failed transaction; without one the possible-only index is the same index.
  const anyFailed = txns.some((t) => t.type === 'fail');
  dirtyUpdateCases(txns, anyFailed ? buildIndexes(txns, true) : keys, found);
  guard.check('indexing the version orders');
  const b = new DepGraphBuilder(txns.length);
  addListAppendEdges(txns, keys, b);
  const order = orderGraphsNeeded(prohibitedAnomalies(options));
  if (order === 'realtime') addRealtimeEdges(h, b);
  else if (order === 'process') addProcessEdges(h, b);
  const g = b.build();
  guard.check('building the dependency graph');
  if (g.edgeCount === 0) found.set('empty-transaction-graph', [{ type: 'empty-transaction-graph', txns: [], text: 'no transaction depends on another: the graph has no edges' }]);
  const explain = (a: number, bId: number, rel: number) => {
    const ta = txns[a]!, tb = txns[bId]!;
    if (rel === PROCESS || rel === REALTIME) return explainOrderEdge(ta, tb, rel);
    return explainListAppendEdge(ta, tb, rel, keys) ?? { type: 'ww' as const, text: `${txnName(tb)} depends on ${txnName(ta)}` };
  };
  findCycles(g, explain, { sccTimeoutMs: options.sccTimeoutMs, deadlineAt: guard.deadlineAt, name: (id) => txnName(txns[id]!) }, found);
  guard.check('searching for cycles');
  return resultMap(options, found);
}
