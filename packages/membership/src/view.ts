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
