import type { ActorDefinition, Address, NodeId } from '@faultline/core';

/** What a spec's set-up sees of the system under search: spawn actors, send the first messages. */
export interface WorldSetup {
  readonly nodes: readonly NodeId[];
  /** Starts an actor on a node (before the search; it is started again on every replay). */
  spawn<M, P>(node: NodeId | string, name: string, definition: ActorDefinition<M, P>, props: P): Address;
  /** Puts a message from the driver in flight. Driver messages are never dropped or duplicated; their order is still a choice. */
  tell(to: Address, message: unknown): void;
}

/** A condition over the state: returns why it is violated, or undefined. */
export interface StateProperty<S> {
  readonly name: string;
  check(state: S): string | undefined;
}

/** A condition some reachable state should meet (Antithesis' `sometimes`): reported reached or not. */
export interface Goal<S> {
  readonly name: string;
  reached(state: S): boolean;
}

/**
 * A small system to search (DSLabs' search tests, Coyote's systematic testing): nodes, actors,
 * the first messages, and what must hold. `setup` runs again for every replayed path, so it
 * must build fresh state each time (the probe it returns is read by the properties).
 */
export interface ExploreSpec<S> {
  readonly name: string;
  /** Nodes n1…nN. */
  readonly nodes: number;
  setup(world: WorldSetup): S;
  /**
   * The protocol state as plain data, for state hashing: two paths whose `observe` and in-flight
   * messages and timers are equal are one state, searched once. Must include everything the
   * actors' future behaviour depends on, or hashing prunes paths it should not. Without it the
   * search is stateless (every path is its own state).
   */
  observe?(state: S): unknown;
  /** Checked in every state. */
  readonly invariants?: readonly StateProperty<S>[];
  /** Checked in states where nothing is left to happen (no message in flight, no timer). */
  readonly atEnd?: readonly StateProperty<S>[];
  readonly goals?: readonly Goal<S>[];
  /** States not worth expanding (e.g. past the part of the protocol under study). */
  prune?(state: S): boolean;
}

/** Declares an explore spec (an identity function that checks its type). */
export function defineExplore<S>(spec: ExploreSpec<S>): ExploreSpec<S> {
  return spec;
}
