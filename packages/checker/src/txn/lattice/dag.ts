/** A small directed graph of names, for Elle's lattices of models and anomalies. */
export class NameDag {
  readonly out = new Map<string, Set<string>>();
  readonly in = new Map<string, Set<string>>();

  constructor(edges: Readonly<Record<string, readonly string[]>>, rename: (s: string) => string = (s) => s) {
    for (const [a, bs] of Object.entries(edges)) {
      this.vertex(rename(a));
      for (const b of bs) this.link(rename(a), rename(b));
    }
  }

  vertex(v: string): void {
    if (!this.out.has(v)) this.out.set(v, new Set());
    if (!this.in.has(v)) this.in.set(v, new Set());
  }

  link(a: string, b: string): void {
    this.vertex(a);
    this.vertex(b);
    this.out.get(a)!.add(b);
    this.in.get(b)!.add(a);
  }

  /** Everything reachable from `start` along `dir` edges, `start` included. */
  reach(start: Iterable<string>, dir: 'out' | 'in'): Set<string> {
    const seen = new Set<string>();
    const stack = [...start];
    const adj = dir === 'out' ? this.out : this.in;
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (seen.has(v)) continue;
      seen.add(v);
      for (const w of adj.get(v) ?? []) if (!seen.has(w)) stack.push(w);
    }
    return seen;
  }

  /** Longest-path depth of every vertex from the vertices without in-edges (Elle's graph/topo-depths). */
  depths(): Map<string, number> {
    const depth = new Map<string, number>();
    const indeg = new Map<string, number>();
    for (const [v, ins] of this.in) indeg.set(v, ins.size);
    const queue = [...this.in.keys()].filter((v) => indeg.get(v) === 0);
    for (const v of queue) depth.set(v, 0);
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      for (const w of this.out.get(v)!) {
        depth.set(w, Math.max(depth.get(w) ?? 0, depth.get(v)! + 1));
        indeg.set(w, indeg.get(w)! - 1);
        if (indeg.get(w) === 0) queue.push(w);
      }
    }
    return depth;
  }
}
