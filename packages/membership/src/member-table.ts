import type { NodeId } from '@faultline/core';
import { isReachable, presentStatus, supersedes, type MemberStatus, type MemberView, type Update } from './member.ts';
import { setSlot, SHARED_NODE_INDEX, type NodeIndex } from './node-index.ts';

/** What this node holds about one member. */
export interface MemberRecord {
  /** The newest claim seen about the member (its SWIM state and incarnation). */
  readonly claim: Update;
  /** This node's own last probe of the member failed, directly and indirectly. */
  readonly unreachable: boolean;
  readonly status: MemberStatus;
  /** This node's clock when the status last changed. */
  readonly since: number;
  /** The table {@link MemberTable.version} this record was stored at (views are diffed by it). */
  readonly version: number;
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
 *
 * The counts the protocol reads on every message (live members for the retransmit limit, known and
 * reachable members for quorum) are kept up to date as records change, and members are kept in an
 * array in insertion order for random picks: no per-message work grows with the cluster (issue 27;
 * memberlist keeps `numNodes` and a node slice for the same reason, memberlist.go / state.go).
 * Records are held in an array indexed by node number ({@link NodeIndex}), not a map per table.
 */
export class MemberTable {
  /** The node numbering shared with the queue and the other per-member structures. */
  readonly index: NodeIndex;
  /** `records[number]`: the record of the member with that node number (sparse). */
  private readonly records: (MemberRecord | undefined)[] = [];
  /** Every member's node number, in insertion order (members are never removed). */
  private readonly order: number[] = [];
  /** How many times each configured member is listed in the configuration (to count the missing ones). */
  private readonly configured: ReadonlyMap<NodeId, number>;
  private readonly configuredListed: number;
  private configuredPresent = 0;
  private liveMembers = 0;
  private notLeftMembers = 0;
  private reachableMembers = 0;
  private deadMembers = 0;
  private changes = 0;

  /** `configured`: the configured members, so {@link configuredMissing} can be answered without a scan. */
  constructor(configured: readonly NodeId[] = [], index: NodeIndex = SHARED_NODE_INDEX) {
    this.index = index;
    const counts = new Map<NodeId, number>();
    for (const node of configured) counts.set(node, (counts.get(node) ?? 0) + 1);
    this.configured = counts;
    this.configuredListed = configured.length;
  }

  /** Bumped by every stored change, so derived values (quorum) can be cached. */
  get version(): number {
    return this.changes;
  }

  get(node: NodeId): MemberRecord | undefined {
    const n = this.index.peek(node);
    return n === undefined ? undefined : this.records[n];
  }

  /** The record of the member numbered `n` in {@link index}. */
  byNumber(n: number): MemberRecord | undefined {
    return this.records[n];
  }

  /** Every member in the view (self included), in insertion order. */
  *entries(): IterableIterator<[NodeId, MemberRecord]> {
    for (let i = 0; i < this.order.length; i++) {
      const r = this.recordAt(i);
      yield [r.claim.node, r];
    }
  }

  get size(): number {
    return this.order.length;
  }

  /** The member at `index` of the insertion order (0 ≤ index < size). */
  at(index: number): NodeId | undefined {
    return index >= 0 && index < this.order.length ? this.recordAt(index).claim.node : undefined;
  }

  /** The record at `index` of the insertion order (0 ≤ index < size): scans read the table by position. */
  recordAt(index: number): MemberRecord {
    return this.records[this.order[index] as number] as MemberRecord;
  }

  /** Members whose claim is alive or suspect: the n of Lifeguard's and memberlist's formulas. */
  get liveCount(): number {
    return this.liveMembers;
  }

  /** Members whose status is not `left` (quorum's known members, among those in the table). */
  get notLeftCount(): number {
    return this.notLeftMembers;
  }

  /** Members whose status is reachable (alive or suspect). */
  get reachableCount(): number {
    return this.reachableMembers;
  }

  /** Members whose claim is dead (reconnect rounds look for one only when there is one). */
  get deadCount(): number {
    return this.deadMembers;
  }

  /** Entries of the configuration whose member is not in the table yet. */
  get configuredMissing(): number {
    return this.configuredListed - this.configuredPresent;
  }

  /**
   * Stores a claim if it supersedes the one held (or the member is new). A new incarnation, or a
   * member going down or leaving, clears the unreachable flag: it was an observation of an older life.
   */
  merge(claim: Update, now: number): { applied: boolean; change: StatusChange | undefined } {
    const old = this.get(claim.node);
    if (old && !supersedes(claim, old.claim)) return { applied: false, change: undefined };
    const keepFlag = old !== undefined && old.unreachable && old.claim.incarnation === claim.incarnation
      && (claim.state === 'alive' || claim.state === 'suspect');
    return { applied: true, change: this.store(claim, keepFlag, now) };
  }

  /** Records this node's own reachability observation of a member. */
  setUnreachable(node: NodeId, unreachable: boolean, now: number): StatusChange | undefined {
    const old = this.get(node);
    if (!old || old.unreachable === unreachable) return undefined;
    return this.store(old.claim, unreachable, now);
  }

  /** Every member's status. */
  statuses(): Map<NodeId, MemberStatus> {
    const out = new Map<NodeId, MemberStatus>();
    for (let i = 0; i < this.order.length; i++) {
      const r = this.recordAt(i);
      out.set(r.claim.node, r.status);
    }
    return out;
  }

  /** The full state as claims, for a push-pull exchange. */
  snapshot(): Update[] {
    const out: Update[] = new Array(this.order.length);
    for (let i = 0; i < this.order.length; i++) out[i] = this.recordAt(i).claim;
    return out;
  }

  /** The view as a list sorted by node id. */
  views(): MemberView[] {
    return this.viewsSince(-1);
  }

  /**
   * The members whose record changed after table version `version` (all for -1), sorted by node id:
   * a view diff, so an observer holding the view at `version` need not be sent the n unchanged ones.
   */
  viewsSince(version: number): MemberView[] {
    const out: MemberView[] = [];
    for (let i = 0; i < this.order.length; i++) {
      const r = this.recordAt(i);
      if (r.version > version) out.push(memberView(r));
    }
    return out.sort(byNode);
  }

  private store(claim: Update, unreachable: boolean, now: number): StatusChange | undefined {
    const n = this.index.numberOf(claim.node);
    const old = this.records[n];
    const status = presentStatus(claim.state, unreachable);
    const changed = old?.status !== status;
    this.changes++;
    if (old === undefined) {
      this.order.push(n);
      this.configuredPresent += this.configured.get(claim.node) ?? 0;
    } else {
      this.count(old, -1);
    }
    const record: MemberRecord = { claim, unreachable, status, since: changed ? now : (old?.since ?? now), version: this.changes };
    setSlot(this.records, n, record, undefined);
    this.count(record, 1);
    if (!changed) return undefined;
    return { node: claim.node, previous: old?.status ?? 'none', status, incarnation: claim.incarnation };
  }

  /** Adds (`by` = 1) or removes (-1) one record's share of the running counts. */
  private count(r: MemberRecord, by: 1 | -1): void {
    if (r.claim.state === 'alive' || r.claim.state === 'suspect') this.liveMembers += by;
    if (r.status !== 'left') this.notLeftMembers += by;
    if (isReachable(r.status)) this.reachableMembers += by;
    if (r.claim.state === 'dead') this.deadMembers += by;
  }
}

function memberView(r: MemberRecord): MemberView {
  return { node: r.claim.node, status: r.status, incarnation: r.claim.incarnation, since: r.since };
}

/** Orders member views by node id (code-unit order, as every view list is sorted). */
export function byNode(a: MemberView, b: MemberView): number {
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}
