import type { NodeId } from '@faultline/core';

/** A member's gossiped SWIM state: what every node eventually agrees on. */
export type SwimState = 'alive' | 'suspect' | 'dead' | 'left';

/**
 * How one node sees a member: the gossiped state plus its own reachability observation.
 * - `alive`: no suspicion pending, and this node's last probe of it (if any) succeeded.
 * - `suspect`: a SWIM suspicion is pending (started elsewhere); this node has not failed to reach it itself.
 * - `unreachable`: this node's own last probe failed directly and indirectly (a local, reversible observation).
 * - `down`: declared dead after its suspicion timed out, or downed by split-brain resolution.
 * - `left`: it left gracefully.
 */
export type MemberStatus = 'alive' | 'suspect' | 'unreachable' | 'down' | 'left';

/** Every member status, in order of severity. */
export const MEMBER_STATUSES: readonly MemberStatus[] = ['alive', 'suspect', 'unreachable', 'down', 'left'];

/** One gossiped claim about a member; stale claims lose to newer incarnations, so they are harmless. */
export interface Update {
  readonly node: NodeId;
  readonly state: SwimState;
  readonly incarnation: number;
  /** Who made the claim: the member itself for alive/left, the suspecter or decider otherwise. */
  readonly from: NodeId;
}

const RANK: Readonly<Record<SwimState, number>> = { alive: 0, suspect: 1, dead: 2, left: 3 };

/**
 * True when `next` carries newer information than `current`: a higher incarnation wins; at equal
 * incarnations alive < suspect < dead < left (SWIM §4.2, memberlist's state.go). The order is total
 * on (incarnation, state), so merging claims in any order converges to the same result.
 */
export function supersedes(next: Pick<Update, 'state' | 'incarnation'>, current: Pick<Update, 'state' | 'incarnation'>): boolean {
  if (next.incarnation !== current.incarnation) return next.incarnation > current.incarnation;
  return RANK[next.state] > RANK[current.state];
}

/** The status this node presents for a member, given its gossiped state and the local observation. */
export function presentStatus(state: SwimState, locallyUnreachable: boolean): MemberStatus {
  switch (state) {
    case 'alive':
    case 'suspect':
      return locallyUnreachable ? 'unreachable' : state;
    case 'dead':
      return 'down';
    case 'left':
      return 'left';
    default: {
      const never: never = state;
      throw new Error(`unknown member state ${String(never)}`);
    }
  }
}

/** True for statuses that count as reachable for quorum and split-brain decisions. */
export function isReachable(status: MemberStatus): boolean {
  return status === 'alive' || status === 'suspect';
}

/** One member as a node's view shows it. */
export interface MemberView {
  readonly node: NodeId;
  readonly status: MemberStatus;
  readonly incarnation: number;
  /** The observer's clock when this member last changed status in its view. */
  readonly since: number;
}
