import { ConfigError, type NodeId } from '@faultline/core';
import type { DirectedLink, NodeGroup, NodeSet } from './nodes.ts';

export type { NodeGroup } from './nodes.ts';

/** Every link from a node of `from` to a node of `to`. */
export function linksFrom(from: readonly NodeId[], to: readonly NodeId[]): DirectedLink[] {
  const out: DirectedLink[] = [];
  for (const a of from) for (const b of to) if (a !== b) out.push({ from: a, to: b });
  return out;
}

/** Every link between a node of `a` and a node of `b`, both directions. */
export function linksBetween(a: readonly NodeId[], b: readonly NodeId[]): DirectedLink[] {
  return [...linksFrom(a, b), ...linksFrom(b, a)];
}

/** Resolves a node or group argument; errors name the field. */
export function groupOf(field: string, g: NodeGroup, nodes: NodeSet): NodeId[] {
  return nodes.group(field, g);
}

/**
 * The links a symmetric partition between `a` and `b` blocks; `b` defaults to every other
 * cluster node (the driver is only cut off when named).
 */
export function partitionLinks(a: NodeGroup, b: NodeGroup | undefined, nodes: NodeSet): DirectedLink[] {
  const left = groupOf('partition.a', a, nodes);
  const right = b === undefined ? nodes.cluster.filter((n) => !left.includes(n)) : groupOf('partition.b', b, nodes);
  const shared = right.filter((n) => left.includes(n));
  if (shared.length > 0) throw new ConfigError('partition.b', shared, 'must not share nodes with partition.a');
  if (right.length === 0) throw new ConfigError('partition.b', right, 'must name at least one node (a is the whole cluster)');
  return linksBetween(left, right);
}

/** The links a one-way partition blocks: `from` can no longer reach `to`; `to` still reaches `from`. */
export function oneWayLinks(from: NodeGroup, to: NodeGroup, nodes: NodeSet): DirectedLink[] {
  const src = groupOf('partitionOneWay.from', from, nodes);
  const dst = groupOf('partitionOneWay.to', to, nodes);
  const shared = dst.filter((n) => src.includes(n));
  if (shared.length > 0) throw new ConfigError('partitionOneWay.to', shared, 'must not share nodes with from');
  return linksFrom(src, dst);
}
