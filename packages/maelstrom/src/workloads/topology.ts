import type { Json } from '../protocol/message.ts';

/** Topologies the broadcast workload can hand to nodes, as Maelstrom's `--topology`. */
export const TOPOLOGIES = ['grid', 'line', 'tree2', 'tree3', 'tree4', 'total'] as const;
export type TopologyName = (typeof TOPOLOGIES)[number];

/** Each node's neighbours in the named topology (symmetric). */
export function topology(name: TopologyName, nodes: readonly string[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = Object.fromEntries(nodes.map((n) => [n, new Set<string>()]));
  const link = (a: number, b: number) => {
    if (a === b || a < 0 || b < 0 || a >= nodes.length || b >= nodes.length) return;
    out[nodes[a]!]!.add(nodes[b]!);
    out[nodes[b]!]!.add(nodes[a]!);
  };
  switch (name) {
    case 'total':
      nodes.forEach((_, a) => nodes.forEach((__, b) => link(a, b)));
      break;
    case 'line':
      nodes.forEach((_, i) => link(i, i + 1));
      break;
    case 'grid': {
      const side = Math.ceil(Math.sqrt(nodes.length));
      nodes.forEach((_, i) => {
        if ((i + 1) % side !== 0) link(i, i + 1);
        link(i, i + side);
      });
      break;
    }
    case 'tree2':
    case 'tree3':
    case 'tree4': {
      const k = Number(name.slice(4));
      nodes.forEach((_, i) => { if (i > 0) link(i, Math.floor((i - 1) / k)); });
      break;
    }
    default: {
      const never: never = name;
      throw new Error(`unknown topology ${String(never)}`);
    }
  }
  return Object.fromEntries(Object.entries(out).map(([n, s]) => [n, [...s].sort()]));
}

/** The topology as a message field. */
export function topologyJson(t: Record<string, string[]>): Json {
  return t;
}
