/** Identifies one node of a cluster (a worker thread, or a simulated node). */
export type NodeId = string & { readonly __brand: 'NodeId' };

/** Names one actor within its node. */
export type ActorName = string & { readonly __brand: 'ActorName' };

/** Where an actor lives: its node and its name there. */
export interface Address {
  readonly node: NodeId;
  readonly name: ActorName;
}

/** Brands a string as a node id. */
export function nodeId(id: string): NodeId {
  return id as NodeId;
}

/** Builds an address from plain strings. */
export function address(node: string, name: string): Address {
  return { node: node as NodeId, name: name as ActorName };
}

/** Renders an address as `name@node`, the form used in logs and traces. */
export function formatAddress(a: Address): string {
  return `${a.name}@${a.node}`;
}

/** True when both addresses name the same actor. */
export function sameAddress(a: Address, b: Address): boolean {
  return a.node === b.node && a.name === b.name;
}
