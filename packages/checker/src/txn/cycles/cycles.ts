import { addAnomaly, type AnomalyMap, type CycleStep } from '../anomaly.ts';
import type { DepGraph } from '../graph/dep-graph.ts';
import { stronglyConnected } from '../graph/scc.ts';
import { induced, sequentialExtension } from '../graph/subgraph.ts';
import { PROCESS, REALTIME } from '../graph/rels.ts';
import { allImpliedAnomalies } from '../lattice/anomalies.ts';
import { allImpossibleModels, anomaliesProhibitedBy, canonicalModel, friendlyModel } from '../lattice/models.ts';
import { classifyCycle, fallbackCycle, searchCycle, SearchTimeout, type FoundCycle } from './search.ts';
import { CYCLE_EXISTS_SPECS, CYCLE_SPECS, CYCLE_TYPES } from './specs.ts';

/** Explains edge a -> b (original ids) under relationship `rel`. */
export type EdgeExplainer = (a: number, b: number, rel: number) => CycleStep;

/** Options of the cycle search. */
export interface CycleOptions {
  /** How long to search one component before falling back, ms (Elle's `cycle-search-timeout`, default 1000). */
  readonly sccTimeoutMs?: number;
  /** The whole check's deadline, as a clock reading (performance.now) */
  readonly deadlineAt?: number;
  /** Name of a transaction by id, for texts. */
  readonly name: (id: number) => string;
  /**
   * The relationship an edge with these bits is explained by, when the checker's explainers have a
   * fixed priority (rw-register: wr, then ww, then rw, then process/realtime, as rw_register.clj
   * `graph` combines them). Elle names a cycle by its explanation, so a cycle found in the search
   * for G0 whose ww edge is also wr is reported as G1c (txn.clj `cycle-in-scc-of-type`).
   */
  readonly explainedRel?: (bits: number) => number;
}

// Specs without Elle's `:type` key accept whatever type the explanation gives (txn.clj cycle-anomaly-specs).
const UNTYPED = /^(G0|G1c)(-process|-realtime)?$/;

/**
 * Finds cycle anomalies (elle txn.clj `cycles`): the graph's strongly connected components, then per
 * component the cheap cycle-exists pass (which models its subgraphs rule out, hence which cycle
 * kinds cannot be there), then a search per cycle kind in Elle's order, skipping kinds implied by
 * one already found; a component that takes too long yields `cycle-search-timeout` and a fallback cycle.
 */
export function findCycles(g: DepGraph, explain: EdgeExplainer, options: CycleOptions, out: AnomalyMap): void {
  const sccTimeout = options.sccTimeoutMs ?? 1000;
  const hasRel = (rel: number): boolean => g.bits.some((b) => (b & rel) !== 0);
  const hasProcess = hasRel(PROCESS);
  const hasRealtime = hasRel(REALTIME);
  const specs = CYCLE_SPECS.filter((s) => (!s.required.includes(PROCESS) || hasProcess) && (!s.required.includes(REALTIME) || hasRealtime));
  for (const comp of stronglyConnected(g, 0xff, null)) {
    const scc = induced(g, comp);
    const exists = cycleExists(scc.g);
    const possibleModels = CYCLE_EXISTS_SPECS.map((s) => s.model).filter((m) => !allImpossibleModels(exists.map((e) => e.model)).has(m));
    const impossible = new Set([...anomaliesProhibitedBy(possibleModels)].filter((a) => CYCLE_TYPES.has(a)));
    for (const e of exists) {
      addAnomaly(out, { type: `${e.model}-cycle-exists`, txns: e.scc.map((v) => scc.ids[v]!), text: `a cycle ruling out ${friendlyModel(e.model)} exists among ${e.scc.length} transactions: ${e.scc.slice(0, 8).map((v) => options.name(scc.ids[v]!)).join(', ')}${e.scc.length > 8 ? ', ...' : ''}` });
    }
    const started = performance.now();
    const deadline = (): boolean => performance.now() - started > sccTimeout || performance.now() > (options.deadlineAt ?? Infinity);
    const searched: string[] = [];
    const found: string[] = [];
    const redundant = new Set(impossible);
    try {
      for (const spec of specs) {
        if (redundant.has(spec.type)) continue;
        searched.push(spec.type);
        const c = searchCycle(scc.g, spec, deadline);
        if (c === undefined) continue;
        const er = options.explainedRel;
        const cyc = er === undefined ? c : { ...c, rels: c.rels.map((_, i) => er(scc.g.edgeBits(c.vertices[i]!, c.vertices[i + 1]!))) };
        const type = classifyCycle(cyc.rels);
        if (type !== spec.type && (er === undefined || !UNTYPED.test(spec.type))) continue;
        found.push(type);
        addAnomaly(out, explainCycle(type, cyc, scc.ids, explain, options.name));
        for (const a of allImpliedAnomalies([spec.type])) redundant.add(a);
      }
    } catch (e) {
      if (!(e instanceof SearchTimeout)) throw e;
      const doesNot = searched.slice(0, -1).filter((t) => !found.includes(t));
      addAnomaly(out, { type: 'cycle-search-timeout', txns: [], text: `searching a component of ${comp.length} transactions for ${searched[searched.length - 1]} took over ${sccTimeout} ms; it contains no ${doesNot.join(', ') || 'kind searched before'}` });
      const fb = fallbackCycle(scc.g);
      addAnomaly(out, explainCycle(classifyCycle(fb.rels), fb, scc.ids, explain, options.name));
    }
  }
}

interface ExistsCase {
  readonly model: string;
  readonly scc: readonly number[];
}

/** elle txn.clj `cycle-exists-cases`: for each model's subgraph, weakest first, its smallest nontrivial component. */
function cycleExists(g: DepGraph): ExistsCase[] {
  const cases: ExistsCase[] = [];
  const redundant = new Set<string>();
  for (const spec of CYCLE_EXISTS_SPECS) {
    if (redundant.has(spec.model)) continue;
    let comps: number[][];
    if (spec.extendBy === undefined) {
      comps = stronglyConnected(g, spec.rels, null);
    } else {
      const ext = sequentialExtension(g, spec.rels, spec.extendBy, 4 * g.dst.length + 1_000_000);
      if (ext === undefined) continue; // too big to build: claim nothing
      comps = stronglyConnected(ext, 0xff, null);
    }
    if (comps.length === 0) continue;
    comps.sort((a, b) => a.length - b.length);
    cases.push({ model: spec.model, scc: comps[0]! });
    for (const m of allImpossibleModels([canonicalModel(spec.model)])) redundant.add(m);
  }
  return cases;
}

function explainCycle(type: string, c: FoundCycle, ids: readonly number[], explain: EdgeExplainer, name: (id: number) => string) {
  const txns = c.vertices.map((v) => ids[v]!);
  const steps: CycleStep[] = [];
  for (let i = 0; i + 1 < txns.length; i++) steps.push(explain(txns[i]!, txns[i + 1]!, c.rels[i]!));
  const lines = steps.map((s, i) => `  ${name(txns[i]!)} < ${name(txns[i + 1]!)} because ${s.text}`);
  const text = `${type}: ${txns.map(name).join(' -> ')}\n${lines.join('\n')}`;
  return { type, txns, steps, text };
}
