import { DepGraph } from '../graph/dep-graph.ts';
import { stronglyConnected } from '../graph/scc.ts';
import { induced } from '../graph/subgraph.ts';
import { explainedRel, PROCESS, REALTIME, RW, WR } from '../graph/rels.ts';
import type { CycleSpec } from './specs.ts';

/** A cycle as vertices (first repeated last) and the relationship of each edge. */
export interface FoundCycle {
  readonly vertices: readonly number[];
  readonly rels: readonly number[];
}

/** Thrown when a search runs past its time budget. */
export class SearchTimeout extends Error {
  override readonly name = 'SearchTimeout';
}

/**
 * Elle's name for a cycle, from the relationships of its edges (elle txn.clj `cycle-explainer`):
 * one rw edge is G-single-item; more are G2-item if two are adjacent (wrapping around), else
 * G-nonadjacent-item; otherwise G1c with a wr edge, else G0; -realtime or -process when it uses those.
 */
export function classifyCycle(rels: readonly number[]): string {
  let rw = 0, wr = 0, rt = 0, proc = 0, adjacent = false;
  for (let i = 0; i < rels.length; i++) {
    const r = rels[i]!;
    if (r === RW) {
      rw++;
      if (rels[(i + rels.length - 1) % rels.length] === RW && rels.length > 1) adjacent = true;
    } else if (r === WR) wr++;
    else if (r === REALTIME) rt++;
    else if (r === PROCESS) proc++;
  }
  const base = rw === 1 ? 'G-single-item' : rw > 1 ? (adjacent ? 'G2-item' : 'G-nonadjacent-item') : wr > 0 ? 'G1c' : 'G0';
  return base + (rt > 0 ? '-realtime' : proc > 0 ? '-process' : '');
}

// State flags packed beside the vertex: rw count (0..2, saturating), last edge rw, first edge rw, an adjacent rw pair seen, required rels seen.
const RWC = 3, LAST = 4, FIRST = 8, ADJ = 16, REQ_SHIFT = 5;
const FLAG_SPACE = 1 << (REQ_SHIFT + 3);

/**
 * Breadth-first search for a cycle matching `spec` in one strongly connected component (elle
 * bfs.clj `search`, re-derived as a search over (vertex, rw-state) pairs): tries start vertices in
 * order and returns the first start's shortest valid simple cycle. Edges count as the relationship
 * they are explained by (see explainedRel). `deadline()` is polled; it throws SearchTimeout.
 */
export function searchCycle(scc: DepGraph, spec: CycleSpec, deadline: () => boolean): FoundCycle | undefined {
  // Keep edges whose explained relationship the spec allows; search only nontrivial components of that projection.
  const allowed = (bits: number): number => {
    const r = explainedRel(bits);
    return (r & spec.rels) !== 0 ? r : 0;
  };
  const proj = new DepGraphView(scc, allowed);
  const comps = stronglyConnected(proj.g, 0xff, null);
  // The rarest required relationship picks the start vertices: a cycle through one of its edges can start at that edge's head.
  const need = [...spec.required, ...(spec.rw === 'none' ? [] : [RW])];
  for (const comp of comps) {
    const sub = induced(proj.g, comp);
    const starts = startVertices(sub.g, need);
    for (const s of starts) {
      const found = bfsFrom(sub.g, s, spec, deadline);
      if (found !== undefined) return { vertices: found.vertices.map((v) => sub.ids[v]!), rels: found.rels };
    }
  }
  return undefined;
}

/** A graph whose edges each carry one relationship: the one `pick` returns (0 drops the edge). */
class DepGraphView {
  readonly g: DepGraph;
  constructor(g: DepGraph, pick: (bits: number) => number) {
    const bits = new Uint8Array(g.bits.length);
    for (let e = 0; e < bits.length; e++) bits[e] = pick(g.bits[e]!);
    this.g = new DepGraph(g.n, g.start, g.dst, bits);
  }
}

function startVertices(g: DepGraph, need: readonly number[]): number[] {
  if (need.length === 0) return Array.from({ length: g.n }, (_, i) => i);
  let best: number[] | undefined;
  for (const rel of need) {
    const heads = new Set<number>();
    for (let e = 0; e < g.dst.length; e++) if (g.bits[e] === rel) heads.add(g.dst[e]!);
    if (best === undefined || heads.size < best.length) best = [...heads].sort((a, b) => a - b);
  }
  return best!;
}

function bfsFrom(g: DepGraph, s: number, spec: CycleSpec, deadline: () => boolean): FoundCycle | undefined {
  const reqAll = (1 << spec.required.length) - 1;
  const parent = new Map<number, number>(); // state -> previous state
  const via = new Map<number, number>(); // state -> relationship of the edge into it
  const startState = s * FLAG_SPACE;
  parent.set(startState, -1);
  let frontier = [startState];
  let polled = 0;
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const st of frontier) {
      if (++polled % 4096 === 0 && deadline()) throw new SearchTimeout();
      const v = Math.floor(st / FLAG_SPACE);
      const flags = st % FLAG_SPACE;
      for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
        const rel = g.bits[e]!;
        if (rel === 0) continue;
        const nf = step(flags, rel, spec, st === startState);
        if (nf < 0) continue;
        const w = g.dst[e]!;
        if (w === s) {
          if (accept(nf, spec, reqAll)) {
            const cycle = rebuild(parent, via, st, rel, s);
            if (cycle !== undefined) return cycle;
          }
          continue;
        }
        const ns = w * FLAG_SPACE + nf;
        if (parent.has(ns)) continue;
        parent.set(ns, st);
        via.set(ns, rel);
        next.push(ns);
      }
    }
    frontier = next;
  }
  return undefined;
}

/** The flags after taking an edge of relationship `rel`, or -1 if the spec forbids it. */
function step(flags: number, rel: number, spec: CycleSpec, first: boolean): number {
  let f = flags;
  if (rel === RW) {
    const c = f & RWC;
    if (spec.rw === 'single' && c >= 1) return -1;
    if (spec.rw === 'nonadjacent' && (f & LAST) !== 0) return -1;
    if ((f & LAST) !== 0) f |= ADJ;
    f = (f & ~RWC) | Math.min(2, c + 1);
    f |= LAST;
    if (first) f |= FIRST;
  } else {
    f &= ~LAST;
  }
  const i = spec.required.indexOf(rel);
  if (i >= 0) f |= 1 << (REQ_SHIFT + i);
  return f;
}

function accept(f: number, spec: CycleSpec, reqAll: number): boolean {
  if (((f >> REQ_SHIFT) & reqAll) !== reqAll) return false;
  const c = f & RWC;
  const wraps = (f & LAST) !== 0 && (f & FIRST) !== 0; // the closing rw edge meets the opening one
  switch (spec.rw) {
    case 'none': return c === 0;
    case 'single': return c === 1;
    case 'nonadjacent': return c >= 2 && !wraps;
    case 'adjacent': return c >= 2 && ((f & ADJ) !== 0 || wraps);
  }
}

function rebuild(parent: Map<number, number>, via: Map<number, number>, last: number, closing: number, s: number): FoundCycle | undefined {
  const vs: number[] = [s];
  const rels: number[] = [closing];
  const seen = new Set<number>([s]);
  for (let st = last; st !== -1 && parent.get(st) !== -1; st = parent.get(st)!) {
    const v = Math.floor(st / FLAG_SPACE);
    if (seen.has(v)) return undefined; // not a simple cycle
    seen.add(v);
    vs.push(v);
    rels.push(via.get(st)!);
  }
  vs.push(s);
  vs.reverse();
  rels.reverse();
  return { vertices: vs, rels };
}

/** Some cycle through the component's first vertex, any relationships (elle txn.clj `cycle-cases-in-scc-fallback`). */
export function fallbackCycle(scc: DepGraph): FoundCycle {
  const parent = new Int32Array(scc.n).fill(-2);
  const rel = new Uint8Array(scc.n);
  const queue = [0];
  parent[0] = -1;
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (let e = scc.start[v]!; e < scc.start[v + 1]!; e++) {
      const w = scc.dst[e]!;
      const r = explainedRel(scc.bits[e]!);
      if (w === 0) {
        const vs = [0];
        const rs = [r];
        for (let u = v; u !== 0; u = parent[u]!) { vs.push(u); rs.push(rel[u]!); }
        vs.push(0);
        return { vertices: vs.reverse(), rels: rs.reverse() };
      }
      if (parent[w] !== -2) continue;
      parent[w] = v;
      rel[w] = r;
      queue.push(w);
    }
  }
  throw new Error('fallbackCycle: the component is not strongly connected');
}

