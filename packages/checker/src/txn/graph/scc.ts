import type { DepGraph } from './dep-graph.ts';

/**
 * Tarjan's strongly connected components (Tarjan 1972, iterative), over the edges of `g` whose
 * bits meet `mask`, among the vertices `vertices` (edges leaving that set are ignored).
 * Returns only nontrivial components: two or more vertices, or one with a self-edge (elle
 * txn.clj `nontrivial-scc?`), each sorted ascending.
 */
export function stronglyConnected(g: DepGraph, mask: number, vertices: ArrayLike<number> | null): number[][] {
  const n = g.n;
  const inSet = vertices === null ? null : new Uint8Array(n);
  if (inSet !== null) for (let i = 0; i < vertices!.length; i++) inSet[vertices![i]!] = 1;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack: number[] = [];
  const callV: number[] = [];
  const callE: number[] = [];
  const out: number[][] = [];
  let next = 0;
  const roots = vertices ?? { length: n };
  for (let r = 0; r < roots.length; r++) {
    const root = vertices === null ? r : vertices[r]!;
    if (index[root] !== -1) continue;
    index[root] = low[root] = next++;
    stack.push(root);
    onStack[root] = 1;
    callV.push(root);
    callE.push(g.start[root]!);
    while (callV.length > 0) {
      const v = callV[callV.length - 1]!;
      let e = callE[callE.length - 1]!;
      const end = g.start[v + 1]!;
      let descended = false;
      while (e < end) {
        const w = g.dst[e]!;
        const b = g.bits[e]!;
        e++;
        if ((b & mask) === 0 || (inSet !== null && inSet[w] === 0)) continue;
        if (index[w] === -1) {
          callE[callE.length - 1] = e;
          index[w] = low[w] = next++;
          stack.push(w);
          onStack[w] = 1;
          callV.push(w);
          callE.push(g.start[w]!);
          descended = true;
          break;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) {
          low[v] = index[w]!;
        }
      }
      if (descended) continue;
      callV.pop();
      callE.pop();
      if (callV.length > 0) {
        const parent = callV[callV.length - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === index[v]) {
        const comp: number[] = [];
        let w: number;
        do {
          w = stack.pop()!;
          onStack[w] = 0;
          comp.push(w);
        } while (w !== v);
        if (comp.length > 1 || hasSelfEdge(g, v, mask)) out.push(comp.sort((a, b) => a - b));
      }
    }
  }
  return out;
}

function hasSelfEdge(g: DepGraph, v: number, mask: number): boolean {
  for (let e = g.start[v]!; e < g.start[v + 1]!; e++) if (g.dst[e] === v && (g.bits[e]! & mask) !== 0) return true;
  return false;
}
