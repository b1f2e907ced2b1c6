import type { NodeId } from '@faultline/core';
import type { QuorumRule } from './config.ts';
import { isReachable, type MemberStatus } from './member.ts';

/** Whether a node's side holds a quorum, and the counts behind the answer. */
export interface QuorumState {
  readonly hasQuorum: boolean;
  /** Members this node counts as reachable, itself included. */
  readonly reachable: number;
  /** Reachable members needed for a quorum. */
  readonly needed: number;
  /** Members that count toward a majority: configured or known, minus those that left. */
  readonly known: number;
}

/**
 * Computes quorum from a node's view. Under `majority`, `known` counts every configured member
 * (even one not heard from yet) and every member in the view, except those that left; down
 * members still count, or each side of a partition would down the other and both see a majority.
 */
export function computeQuorum(
  rule: QuorumRule,
  configured: readonly NodeId[],
  statuses: ReadonlyMap<NodeId, MemberStatus>,
  selfStatus: MemberStatus,
): QuorumState {
  let known = 0;
  let reachable = 0;
  for (const [, status] of statuses) {
    if (status === 'left') continue;
    known++;
    if (isReachable(status)) reachable++;
  }
  for (const node of configured) if (!statuses.has(node)) known++;
  return quorumFromCounts(rule, known, reachable, selfStatus);
}

/** {@link computeQuorum} from counts kept as the view changes: `known` and `reachable` members as defined there. */
export function quorumFromCounts(rule: QuorumRule, known: number, reachable: number, selfStatus: MemberStatus): QuorumState {
  const needed = rule === 'majority' ? Math.floor(known / 2) + 1 : rule;
  const hasQuorum = isReachable(selfStatus) && reachable >= needed;
  return { hasQuorum, reachable, needed, known };
}
