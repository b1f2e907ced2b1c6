import type { NodeId } from '@faultline/core';
import type { MemberStatus, MemberView } from './member.ts';
import type { MemberListPhase } from './member-list-types.ts';
import type { QuorumState } from './quorum.ts';

/** One node's answer to "who is there, and does my side hold a quorum?" — the reply to `{ type: 'view' }`. */
export interface MembershipView {
  readonly self: NodeId;
  /** idle (not started), running, left, or downed (by split-brain resolution). */
  readonly phase: MemberListPhase;
  /** This node's own status in its view. */
  readonly status: MemberStatus;
  readonly incarnation: number;
  /** True once a seed answered (or there were no other seeds). */
  readonly joined: boolean;
  /** Every member this node knows, itself included, sorted by node id. */
  readonly members: readonly MemberView[];
  readonly quorum: QuorumState;
  /** Lifeguard's local health score (0 = healthy). */
  readonly awareness: number;
  /** The node's clock when the view was taken. */
  readonly at: number;
}

/**
 * The reply to `{ type: 'view-changes', epoch, since }`: a {@link MembershipView} as a diff against the
 * view the asker holds. `members` lists only the members changed after table version `since`, unless
 * `full` (the asker's copy was of another life of the actor, or none): then it lists every member.
 * Either way sorted by node id; `version` is what to ask `since` next time.
 */
export interface MembershipViewChanges extends Omit<MembershipView, 'members'> {
  /** Identifies this life of the membership actor (a restart starts a new table, so diffs do not carry over). */
  readonly epoch: number;
  /** The member table version this reply brings the asker up to. */
  readonly version: number;
  /** True when `members` is the whole list, not a diff. */
  readonly full: boolean;
  readonly members: readonly MemberView[];
}
