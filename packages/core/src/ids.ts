/** Identifies one node of a cluster (a worker thread, or a simulated node). */
export type NodeId = string & { readonly __brand: 'NodeId' };

/** Names one actor within its node. */
export type ActorName = string & { readonly __brand: 'ActorName' };

/**
 * Where an actor lives: its node and its name there. `M` is what the actor accepts and `R` what
 * it replies, known when the address came from `spawn` of a definition that declares them
 * (`defineActor<M, P, R>`): `ask` and `tell` then check the message and infer the reply. Both
 * default to `unknown`, the untyped address of `address(node, name)`, which takes anything.
 */
export interface Address<M = unknown, R = unknown> {
  readonly node: NodeId;
  readonly name: ActorName;
  /**
   * Type-level only, never present at run time (the wire format is `{ node, name }`). Bivariant,
   * so a typed address passes where an untyped one is asked for and back, while two addresses of
   * unrelated message or reply types do not mix.
   */
  readonly __types?: AddressTypes<M, R>;
}

/** The phantom of `Address`: a method's parameters are compared both ways (bivariantly). */
export type AddressTypes<M, R> = { carries(message: M, reply: R): void }['carries'];

/** The message type an address accepts (`unknown` for an untyped one). */
export type MessageOf<A> = A extends Address<infer M, unknown> ? M : never;

/** The reply type an address answers with (`unknown` for an untyped one). */
export type ReplyOf<A> = A extends Address<unknown, infer R> ? R : never;

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
