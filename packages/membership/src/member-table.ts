import type { NodeId } from '@faultline/core';
import { presentStatus, supersedes, type MemberStatus, type MemberView, type Update } from './member.ts';

/** What this node holds about one member. */
export interface MemberRecord {
  /** The newest claim seen about the member (its SWIM state and incarnation). */
  readonly claim: Update;
  /** This node's own last probe of the member failed, directly and indirectly. */
  readonly unreachable: boolean;
  readonly status: MemberStatus;
  /** This node's clock when the status last changed. */
  readonly since: number;
}

/** A member's status moved in this node's view. */
export interface StatusChange {
  readonly node: NodeId;
  readonly previous: MemberStatus | 'none';
  readonly status: MemberStatus;
  readonly incarnation: number;
}

/**
 * One node's table of members: newest claim per member plus the local unreachable flag. Pure data:
 * it never sends, it only reports status changes to its caller.
 */
export class MemberTable {
  private readonly records = new Map<NodeId, MemberRecord>();
  private changes = 0;

  /** Bumped by every stored change, so derived values (quorum) can be cached. */
  get version(): number {
    return this.changes;
  }

  get(node: NodeId): MemberRecord | undefined {
    return this.records.get(node);
  }

  /** Every member in the view (self included), in insertion order. */
  entries(): IterableIterator<[NodeId, MemberRecord]> {
    return this.records.entries();
  }

  get size(): number {
    return this.records.size;
  }

  /**
   * Stores a claim if it supersedes the one held (or the member is new). A new incarnation, or a
   * member going down or leaving, clears the unreachable flag: it was an observation of an older life.
   */
  merge(claim: Update, now: number): { applied: boolean; change: StatusChange | undefined } {
    const old = this.records.get(claim.node);
    if (old && !supersedes(claim, old.claim)) return { applied: false, change: undefined };
    const keepFlag = old !== undefined && old.unreachable && old.claim.incarnation === claim.incarnation
      && (claim.state === 'alive' || claim.state === 'suspect');
    return { applied: true, change: this.store(claim, keepFlag, now) };
  }

  /** Records this node's own reachability observation of a member. */
  setUnreachable(node: NodeId, unreachable: boolean, now: number): StatusChange | undefined {
    const old = this.records.get(node);
    if (!old || old.unreachable === unreachable) return undefined;
    return this.store(old.claim, unreachable, now);
  }

  /** Every member's status. */
  statuses(): Map<NodeId, MemberStatus> {
    const out = new Map<NodeId, MemberStatus>();
    for (const [node, r] of this.records) out.set(node, r.status);
    return out;
  }

  /** The full state as claims, for a push-pull exchange. */
  snapshot(): Update[] {
    return [...this.records.values()].map((r) => r.claim);
  }

  /** The view as a list sorted by node id. */
  views(): MemberView[] {
    return [...this.records.values()]
      .map((r) => ({ node: r.claim.node, status: r.status, incarnation: r.claim.incarnation, since: r.since }))
      .sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
  }

  private store(claim: Update, unreachable: boolean, now: number): StatusChange | undefined {
    const old = this.records.get(claim.node);
    const status = presentStatus(claim.state, unreachable);
    const changed = old?.status !== status;
    this.changes++;
    this.records.set(claim.node, { claim, unreachable, status, since: changed ? now : (old?.since ?? now) });
    if (!changed) return undefined;
    return { node: claim.node, previous: old?.status ?? 'none', status, incarnation: claim.incarnation };
  }
}
