import { DepGraph, DepGraphBuilder } from './dep-graph.ts';

/** A component lifted out of a big graph, renumbered 0..k-1; `ids[local]` is the original id. */
export interface Subgraph {
  readonly g: DepGraph;
  readonly ids: readonly number[];
}

/** The subgraph induced by `vertices` (sorted ids), keeping edges whose bits meet `mask`. */
export function induced(g: DepGraph, vertices: readonly number[], mask = 0xff): Subgraph {
  const local = new Map<number, number>();
  vertices.forEach((v, i) => local.set(v, i));
  const b = new DepGraphBuilder(vertices.length);
  for (let i = 0; i < vertices.length; i++) {
    const v = vertices[i]!;
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
      const bits = g.bits[e]! & mask;
      if (bits === 0) continue;
      const w = local.get(g.dst[e]!);
      if (w !== undefined) b.link(i, w, bits);
    }
  }
  return { g: b.build(), ids: vertices };
}

/**
 * The sequential extension of A by B (elle graph.clj `sequential-extension`): every A edge, and
 * a -> c wherever a -A-> b -B-> c. Self-edges are kept (a ww b rw a yields a -> a). Returns
 * undefined when it would exceed `maxEdges`.
 */
export function sequentialExtension(g: DepGraph, a: number, bMask: number, maxEdges: number): DepGraph | undefined {
  const out = new DepGraphBuilder(g.n, true);
  let count = 0;
  for (let v = 0; v < g.n; v++) {
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) {
      if ((g.bits[e]! & a) === 0) continue;
      const w = g.dst[e]!;
      out.link(v, w, 1);
      for (let f = g.start[w]!; f < g.start[w + 1]!; f++) {
        if ((g.bits[f]! & bMask) === 0) continue;
        out.link(v, g.dst[f]!, 1);
        if (++count > maxEdges) return undefined;
      }
    }
  }
  return out.build();
}
