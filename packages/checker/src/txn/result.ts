import type { Anomaly, AnomalyMap } from './anomaly.ts';
import { allAnomaliesImplying } from './lattice/anomalies.ts';
import { anomaliesProhibitedBy, anomaliesToImpossibleModels, friendlyBoundary } from './lattice/models.ts';
import { CYCLE_EXISTS_SPECS } from './cycles/specs.ts';

/** What a transactional check is asked to hold: Elle's `:consistency-models` and extra `:anomalies`. */
export interface TxnExpectations {
  /** Models the history must satisfy (default `strict-serializable`; an empty list: none). */
  readonly consistencyModels?: readonly string[];
  /** Further anomalies to reject, expanded to those implying them. */
  readonly anomalies?: readonly string[];
}

/** A transactional check's verdict (elle txn.clj `result-map`). */
export interface TxnCheckResult {
  /** true: no reportable anomaly; false: a prohibited one; unknown: only an empty graph, a search timeout or a budget. */
  readonly valid: true | false | 'unknown';
  /** Reportable anomaly types, sorted. */
  readonly anomalyTypes: readonly string[];
  readonly anomalies: ReadonlyMap<string, readonly Anomaly[]>;
  /** The weakest models the anomalies found rule out (friendly names). */
  readonly not: readonly string[];
  /** The stronger models also ruled out. */
  readonly alsoNot: readonly string[];
  /** Why the verdict is unknown, when it is for a reason other than anomalies (a budget, a refused history). */
  readonly reason?: string;
}

/** Anomalies that make a verdict unknown rather than false. */
export const UNKNOWN_ANOMALY_TYPES: ReadonlySet<string> = new Set(['empty-transaction-graph', 'cycle-search-timeout']);

/** The anomalies that fail the check. */
export function prohibitedAnomalies(e: TxnExpectations): Set<string> {
  const out = allAnomaliesImplying(e.anomalies ?? []);
  for (const a of anomaliesProhibitedBy(e.consistencyModels ?? ['strict-serializable'])) out.add(a);
  return out;
}

/** Builds the verdict from every anomaly found. */
export function resultMap(e: TxnExpectations, anomalies: AnomalyMap): TxnCheckResult {
  const prohibited = prohibitedAnomalies(e);
  const reportable = new Map([...anomalies].filter(([t]) => prohibited.has(t) || UNKNOWN_ANOMALY_TYPES.has(t)));
  // Drop cycle-exists cases a specific anomaly already explains (elle `remove-redundant-cycle-exists`).
  const specific = [...reportable.keys()].filter((t) => !t.endsWith('-cycle-exists'));
  const ruledOut = anomaliesToImpossibleModels(specific);
  for (const s of CYCLE_EXISTS_SPECS) if (ruledOut.has(s.model)) reportable.delete(`${s.model}-cycle-exists`);
  if (reportable.size === 0) return { valid: true, anomalyTypes: [], anomalies: new Map(), not: [], alsoNot: [] };
  const bad = [...reportable.keys()].some((t) => prohibited.has(t));
  const boundary = friendlyBoundary(anomalies.keys());
  return { valid: bad ? false : 'unknown', anomalyTypes: [...reportable.keys()].sort(), anomalies: reportable, not: boundary.not, alsoNot: boundary.alsoNot };
}

/** An unknown verdict for a reason (budget, refused history). */
export function unknownResult(reason: string): TxnCheckResult {
  return { valid: 'unknown', anomalyTypes: [], anomalies: new Map(), not: [], alsoNot: [], reason };
}
