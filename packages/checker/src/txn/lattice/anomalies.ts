import { NameDag } from './dag.ts';

/**
 * Which anomalies imply which: a -> b when every history with a also has b.
 * Transcribed as data from jepsen-io/elle src/elle/consistency_model.clj (`implied-anomalies`).
 */
export const IMPLIED_ANOMALIES = new NameDag({
  G0: ['G1c', 'G0-process'],
  'G0-process': ['G1c-process', 'G0-realtime'],
  'G0-realtime': ['G1c-realtime'],
  G1a: ['G1'],
  G1b: ['G1'],
  G1c: ['G1', 'G1c-process'],
  'G1c-process': ['G1c-realtime', 'G1-process'],
  'G1c-realtime': ['G1-realtime'],
  G1: ['G1-process'],
  'G1-process': ['G1-realtime'],
  'G-single-item': ['G-single', 'G-single-item-process', 'G-nonadjacent-item'],
  'G-single-item-process': ['G-single-process', 'G-single-item-realtime', 'G-nonadjacent-item-process'],
  'G-single-item-realtime': ['G-single-realtime', 'G-nonadjacent-item-realtime'],
  'G-single': ['G-nonadjacent', 'GSIb', 'G-single-process'],
  'G-single-process': ['G-nonadjacent-process', 'G-single-realtime'],
  'G-single-realtime': ['G-nonadjacent-realtime'],
  'G-nonadjacent-item': ['G-nonadjacent', 'G2-item', 'G-nonadjacent-item-process'],
  'G-nonadjacent-item-process': ['G-nonadjacent-process', 'G2-item-process', 'G-nonadjacent-item-realtime'],
  'G-nonadjacent-item-realtime': ['G2-item-realtime', 'G-nonadjacent-realtime'],
  'G-nonadjacent': ['G2', 'G-nonadjacent-process'],
  'G-nonadjacent-process': ['G2-process', 'G-nonadjacent-realtime'],
  'G-nonadjacent-realtime': ['G2-realtime'],
  G2: ['G2-process'],
  'G2-item': ['G2', 'G2-item-process'],
  'G2-item-process': ['G2-process', 'G2-item-realtime'],
  'G2-item-realtime': ['G2-realtime'],
  'G2-process': ['G2-realtime'],
  GSIa: ['GSI'],
  GSIb: ['GSI'],
  'incompatible-order': ['G1a'],
  'future-read': ['G1c'],
  'dirty-update': ['G1a'],
  'lost-update': ['write-skew', 'G2-item'],
  'write-skew': ['G2'],
});

/** Severity beyond implication, to search the worst cycles first (elle consistency_model.clj `anomaly-severity-graph`). */
const SEVERITY = {
  G0: ['G1c'], 'G0-process': ['G1c-process'], 'G0-realtime': ['G1c-realtime'],
  G1c: ['G-single', 'G2-item'], 'G1c-process': ['G-single-process', 'G2-item-process'],
  'G1c-realtime': ['G-single-realtime', 'G2-item-realtime'],
  G2: ['G0-process'], 'G2-process': ['G0-realtime'],
};

/** Every anomaly implied by any of `anomalies`, those included. */
export function allImpliedAnomalies(anomalies: Iterable<string>): Set<string> {
  return IMPLIED_ANOMALIES.reach(anomalies, 'out');
}

/** Every anomaly that would imply any of `anomalies`, those included. */
export function allAnomaliesImplying(anomalies: Iterable<string>): Set<string> {
  return IMPLIED_ANOMALIES.reach(anomalies, 'in');
}

let depthCache: Map<string, number> | undefined;

/** Depth of an anomaly in implication+severity order (elle `anomaly-depths`); unknown names 0. */
export function anomalyDepth(a: string): number {
  if (depthCache === undefined) {
    const merged = new NameDag({});
    for (const [v, ws] of IMPLIED_ANOMALIES.out) {
      merged.vertex(v);
      for (const w of ws) merged.link(v, w);
    }
    for (const [v, ws] of Object.entries(SEVERITY)) for (const w of ws) merged.link(v, w);
    depthCache = merged.depths();
  }
  return depthCache.get(a) ?? 0;
}

/** Elle's order of anomalies: shallower first, then by name. */
export function compareAnomalies(a: string, b: string): number {
  return anomalyDepth(a) - anomalyDepth(b) || (a < b ? -1 : a > b ? 1 : 0);
}
