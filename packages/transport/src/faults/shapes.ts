import { ConfigError, requireOneOf, type NodeId, type Rng } from '@faultline/core';
import type { DirectedLink } from './nodes.ts';
import { linksBetween, linksFrom } from './partition-links.ts';

/** Named partition shapes, after Jepsen's `jepsen.nemesis` partitioners. */
export type PartitionShape =
  /** One random node (or the named one) cut off from the rest. */
  | 'isolate-node'
  /** Shuffled, then split in two halves (the first has ⌊n/2⌋ nodes; with an even n neither side has a majority). */
  | 'random-halves'
  /** A random majority (⌊n/2⌋+1 nodes) and the minority. */
  | 'majority-minority'
  /** Nodes on a shuffled ring; each hears only a majority-sized window around itself: every node sees a majority, no two the same one. */
  | 'majorities-ring'
  /** Two halves that cannot talk, plus one bridge node in the second half that talks to both. */
  | 'bridge';

/** Every shape, in documentation order. */
export const PARTITION_SHAPES: readonly PartitionShape[] = ['isolate-node', 'random-halves', 'majority-minority', 'majorities-ring', 'bridge'];

/** A partition as concrete data: its groups and the directed links it blocks. */
export interface PartitionPlan {
  readonly shape: PartitionShape | 'groups' | 'one-way';
  /**
   * Disjoint components for most shapes; for `bridge`, the two sides (both contain the bridge
   * node); for `majorities-ring`, each node's view (the nodes it hears from, itself first).
   */
  readonly groups: readonly (readonly NodeId[])[];
  readonly blocked: readonly DirectedLink[];
}

/** Computes a shape over the cluster's nodes (never the driver) with the given random stream. */
export function planPartition(shape: PartitionShape, nodes: readonly NodeId[], rng: Rng, isolate?: NodeId): PartitionPlan {
  requireOneOf('shape', shape, PARTITION_SHAPES);
  const n = nodes.length;
  const order = (g: readonly NodeId[]) => [...g].sort((a, b) => nodes.indexOf(a) - nodes.indexOf(b));
  const need = shape === 'isolate-node' || shape === 'random-halves' ? 2 : 3;
  if (n < need) throw new ConfigError('nodes', nodes, `must have at least ${need} nodes for shape '${shape}'`);
  switch (shape) {
    case 'isolate-node': {
      const node = isolate ?? rng.pick(nodes);
      if (!nodes.includes(node)) throw new ConfigError('node', node, `must be one of ${nodes.join(', ')}`);
      return components(shape, [[node], nodes.filter((x) => x !== node)]);
    }
    case 'random-halves': {
      const s = rng.shuffled(nodes);
      return components(shape, [order(s.slice(0, Math.floor(n / 2))), order(s.slice(Math.floor(n / 2)))]);
    }
    case 'majority-minority': {
      const s = rng.shuffled(nodes);
      const m = Math.floor(n / 2) + 1;
      return components(shape, [order(s.slice(0, m)), order(s.slice(m))]);
    }
    case 'majorities-ring':
      return majoritiesRing(rng.shuffled(nodes));
    case 'bridge': {
      const s = rng.shuffled(nodes);
      const first = s.slice(0, Math.floor(n / 2));
      const second = s.slice(Math.floor(n / 2));
      const bridge = second[0] as NodeId;
      return { shape, groups: [order([...first, bridge]), order(second)], blocked: linksBetween(first, second.slice(1)) };
    }
    default: {
      const never: never = shape;
      throw new Error(`unhandled shape ${String(never)}`);
    }
  }
}

/** A partition into explicit disjoint groups: every link between two different groups is blocked. */
export function groupsPartition(groups: readonly (readonly NodeId[])[]): PartitionPlan {
  return components('groups', groups);
}

function components(shape: PartitionPlan['shape'], groups: readonly (readonly NodeId[])[]): PartitionPlan {
  const seen = new Set<string>();
  for (const g of groups) {
    for (const node of g) {
      if (seen.has(node)) throw new ConfigError('groups', groups, `must be disjoint (${node} is in two groups)`);
      seen.add(node);
    }
  }
  const blocked: DirectedLink[] = [];
  groups.forEach((a, i) => groups.forEach((b, j) => {
    if (i !== j) blocked.push(...linksFrom(a, b));
  }));
  return { shape, groups, blocked };
}

/** Jepsen's majorities-ring: node i hears from the m-node window of the ring starting ⌊(m−1)/2⌋ before it. */
function majoritiesRing(ring: readonly NodeId[]): PartitionPlan {
  const n = ring.length;
  const m = Math.floor(n / 2) + 1;
  const back = Math.floor((m - 1) / 2);
  const views: NodeId[][] = [];
  const blocked: DirectedLink[] = [];
  for (let i = 0; i < n; i++) {
    const self = ring[i] as NodeId;
    const view = [self];
    for (let k = 0; k < m; k++) {
      const other = ring[(i - back + k + n) % n] as NodeId;
      if (other !== self) view.push(other);
    }
    views.push(view);
    for (const other of ring) if (!view.includes(other)) blocked.push({ from: other, to: self });
  }
  return { shape: 'majorities-ring', groups: views, blocked };
}
