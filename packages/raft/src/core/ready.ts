import type { NodeId } from '@faultline/core';
import type { Entry, Outbound, Snapshot } from './messages.ts';

/** What must survive a crash (Raft Figure 2, "persistent state"): the log is persisted beside it. */
export interface HardState {
  readonly term: number;
  readonly votedFor: NodeId | null;
}

/** A node's role. `pre-candidate` is a follower running a pre-vote (thesis §9.6). */
export type Role = 'follower' | 'pre-candidate' | 'candidate' | 'leader';

/** Something worth showing: a role or term change, or a broken invariant (only a planted bug should cause one). */
export type RaftEvent =
  | { readonly type: 'role'; readonly role: Role; readonly term: number; readonly leader: NodeId | undefined; readonly at: number }
  | { readonly type: 'commit'; readonly index: number; readonly at: number }
  /** The configuration in force changed: a configuration entry at `index` was appended, truncated, or came with a snapshot. */
  | { readonly type: 'config'; readonly voters: readonly NodeId[]; readonly index: number; readonly at: number }
  | { readonly type: 'invariant'; readonly what: string; readonly at: number };

/** Why an input was refused: not the leader, too many waiting, or a membership change refused (`membership.ts`). */
export type RefusalReason = 'not-leader' | 'overloaded' | 'not-ready' | 'change-in-progress' | 'bad-change';

/** A refused proposal, read or change: the reason, the leader this node knows, and for a change what was wrong. */
export interface Refusal {
  readonly id: string;
  readonly reason: RefusalReason;
  readonly leader: NodeId | undefined;
  readonly detail?: string;
}

/**
 * The output of one step, after etcd-io/raft's `Ready` (`rawnode.go`). The host must, in this
 * order: persist `hardState`, `snapshot` and the entries from `persistFrom` (deleting any stored entry at or
 * after it first) and sync; only then send `messages`; then apply `committed` in order; then
 * answer reads whose index is applied. A message that promises something (a vote, an append
 * acknowledged) therefore never leaves before what it promises is durable.
 */
export interface Ready {
  readonly hardState: HardState | undefined;
  /**
   * A snapshot to persist before the entries (stored entries up to its index are then dropped, all of
   * them when `replacesLog`); when `install`, a leader sent it and the host loads it into its state machine.
   */
  readonly snapshot: (Snapshot & { readonly install: boolean; readonly replacesLog: boolean }) | undefined;
  readonly persistFrom: number | undefined;
  readonly entries: readonly Entry[];
  readonly messages: readonly Outbound[];
  readonly committed: readonly Entry[];
  /** Proposals placed in the log: answer once the entry at (index, term) is applied. */
  readonly accepted: readonly { readonly id: string; readonly index: number; readonly term: number }[];
  /** Reads confirmed by a majority (ReadIndex) or a lease: serve once `index` is applied. */
  readonly readsReady: readonly { readonly id: string; readonly index: number }[];
  /** Proposals, reads or membership changes this node cannot take: not the leader (a hint when it knows one), too many waiting, or a change refused. */
  readonly refused: readonly Refusal[];
  readonly events: readonly RaftEvent[];
}

/** The Ready being built during a step. */
export interface ReadyBuilder {
  hardStateDirty: boolean;
  snapshot: (Snapshot & { install: boolean; replacesLog: boolean }) | undefined;
  persistFrom: number | undefined;
  messages: Outbound[];
  accepted: { id: string; index: number; term: number }[];
  readsReady: { id: string; index: number }[];
  refused: Refusal[];
  events: RaftEvent[];
}

export function emptyBuilder(): ReadyBuilder {
  return { hardStateDirty: false, snapshot: undefined, persistFrom: undefined, messages: [], accepted: [], readsReady: [], refused: [], events: [] };
}

/** Marks entries from `index` on as to be (re)written. */
export function persistFrom(b: ReadyBuilder, index: number): void {
  b.persistFrom = b.persistFrom === undefined ? index : Math.min(b.persistFrom, index);
}
