import type { Address, NodeId } from '@faultline/core';
import type { MembershipEvent } from './events.ts';
import type { Update } from './member.ts';

/** Protocol messages between the membership actors of two nodes (always one-way sends). */
export type WireMessage =
  /** SWIM ping: answer with an ack of the same seq. `target` guards against a misdirected ping. */
  | { readonly type: 'ping'; readonly seq: number; readonly target: NodeId; readonly updates: readonly Update[] }
  /** Answer to a ping, or a relay's report that the target answered its indirect ping. */
  | { readonly type: 'ack'; readonly seq: number; readonly updates: readonly Update[] }
  /** SWIM ping-req: please ping `target` for me and relay its ack. */
  | { readonly type: 'ping-req'; readonly seq: number; readonly target: NodeId; readonly updates: readonly Update[] }
  /** Lifeguard nack: a relay's report that the target did not answer in time (the relay itself is fine). */
  | { readonly type: 'nack'; readonly seq: number; readonly updates: readonly Update[] }
  /** Gossip round: updates only. */
  | { readonly type: 'gossip'; readonly updates: readonly Update[] }
  /** Push-pull: the sender's full state; answered with a sync-reply. `join` is set for a join. */
  | { readonly type: 'sync'; readonly join: boolean; readonly state: readonly Update[] }
  /** The answer to a sync: the receiver's full state. */
  | { readonly type: 'sync-reply'; readonly state: readonly Update[] };

/** The wire message type names. */
export const WIRE_TYPES: ReadonlySet<string> = new Set(['ping', 'ack', 'ping-req', 'nack', 'gossip', 'sync', 'sync-reply']);

/** Requests other actors (local or the controller) send to a membership actor. */
export type MembershipCommand =
  /** Ask: answers a {@link MembershipView}. */
  | { readonly type: 'view' }
  /**
   * Ask: answers a MembershipViewChanges, the view as the members changed since table version `since`
   * of life `epoch` (from the previous answer); the whole list when the epoch is not this actor's.
   */
  | { readonly type: 'view-changes'; readonly epoch?: number; readonly since?: number }
  /** Ask: answers a QuorumState. */
  | { readonly type: 'quorum' }
  /** Tell or ask: push every later event to `subscriber` (default: the sender); an ask answers the current view. */
  | { readonly type: 'subscribe'; readonly subscriber?: Address }
  /** Tell or ask: stop pushing events to `subscriber` (default: the sender). */
  | { readonly type: 'unsubscribe'; readonly subscriber?: Address }
  /** Tell or ask: leave gracefully, then go quiet. An ask answers the view after leaving. */
  | { readonly type: 'leave' }
  /** Tell or ask: (re)join through `seeds` (default: the configured seeds); after a leave or a down, with a higher incarnation. */
  | { readonly type: 'join'; readonly seeds?: readonly NodeId[] };

/** What a membership actor pushes to its observer and subscribers. */
export interface MembershipEventMessage {
  readonly type: 'membership-event';
  readonly event: MembershipEvent;
}

/** Every message a membership actor accepts. */
export type MembershipMessage = WireMessage | MembershipCommand;

/** True for a pushed membership event (for actors that subscribe). */
export function isMembershipEventMessage(message: unknown): message is MembershipEventMessage {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'membership-event';
}
