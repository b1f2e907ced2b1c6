import type { NodeId, Rng } from '@faultline/core';
import type { MembershipConfig } from './config.ts';
import type { MembershipEvent } from './events.ts';
import type { WireMessage } from './messages.ts';

/** How a MemberList starts. */
export interface MemberListOptions {
  readonly self: NodeId;
  readonly config: MembershipConfig;
  /** The only randomness the protocol uses (probe order, relays, gossip targets). */
  readonly rng: Rng;
  /** Configured members: they count toward a majority before they are heard from, and their order is seniority. */
  readonly members: readonly NodeId[];
  /** Nodes to join through; this node itself is skipped. */
  readonly seeds: readonly NodeId[];
  /** The incarnation to start at (default 0); a restarted node refutes past older ones anyway. */
  readonly incarnation?: number;
}

/** One input to the state machine. */
export type MemberListInput =
  | { readonly type: 'start' }
  /** Time passed: run whatever deadlines are due. */
  | { readonly type: 'tick' }
  | { readonly type: 'message'; readonly from: NodeId; readonly message: WireMessage }
  | { readonly type: 'leave' }
  | { readonly type: 'join'; readonly seeds?: readonly NodeId[] };

/** One output of the state machine, for the actor around it to carry out. */
export type MemberListEffect =
  | { readonly type: 'send'; readonly to: NodeId; readonly message: WireMessage }
  | { readonly type: 'event'; readonly event: MembershipEvent }
  | { readonly type: 'log'; readonly message: string; readonly data?: unknown };

/** Where this node is in its life: not started, running the protocol, or quiet after leaving or being downed. */
export type MemberListPhase = 'idle' | 'running' | 'left' | 'downed';
