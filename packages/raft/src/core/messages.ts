import type { NodeId } from '@faultline/core';

/** One log entry: the term of the leader that created it, its position, and its command (null: the leader's no-op). */
export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly command: unknown;
}

/** RequestVote (Raft Figure 2), or its pre-vote form (thesis §9.6) when `pre`: `term` is then the term the sender would campaign in. */
export interface VoteRequest {
  readonly type: 'raft-vote';
  readonly term: number;
  readonly pre: boolean;
  readonly lastIndex: number;
  readonly lastTerm: number;
  /** Sent on a leader's `raft-timeout-now` (leadership transfer): voters grant it even while they hear from that leader. */
  readonly transfer?: boolean;
}

/** Leadership transfer (thesis §3.10, etcd `MsgTimeoutNow`): the leader tells an up-to-date follower to campaign now. */
export interface TimeoutNow {
  readonly type: 'raft-timeout-now';
  readonly term: number;
}

/** The answer to a (pre-)vote. */
export interface VoteResponse {
  readonly type: 'raft-vote-reply';
  readonly term: number;
  readonly pre: boolean;
  readonly granted: boolean;
}

/** AppendEntries (Raft Figure 2); an empty one is a heartbeat. `seq` is the leader's round number, echoed for ReadIndex and leases. */
export interface AppendRequest {
  readonly type: 'raft-append';
  readonly term: number;
  readonly prevIndex: number;
  readonly prevTerm: number;
  readonly entries: readonly Entry[];
  readonly commit: number;
  readonly seq: number;
}

/** The answer to an append: on success `match` is the last index known to agree; on failure `hint` is where to retry from. */
export interface AppendResponse {
  readonly type: 'raft-append-reply';
  readonly term: number;
  readonly success: boolean;
  readonly match: number;
  readonly hint: number;
  readonly seq: number;
}

/** InstallSnapshot (Raft §7, Figure 13) in one message: the leader's snapshot ending at (index, snapTerm); answered by an append reply. */
export interface SnapshotRequest {
  readonly type: 'raft-snapshot';
  readonly term: number;
  readonly index: number;
  readonly snapTerm: number;
  /** The state machine's state up to `index`: the host's to check and load. */
  readonly data: unknown;
  /** The configuration in force at `index` (thesis §4.1): the log entry that set it is gone. */
  readonly voters: readonly NodeId[];
  /** Its learners (thesis §4.2.1), when it has any. */
  readonly learners?: readonly NodeId[];
  readonly seq: number;
}

/** A snapshot: the state machine up to and including (index, term). */
export interface Snapshot {
  readonly index: number;
  readonly term: number;
  readonly data: unknown;
  /** The configuration at `index`; absent in snapshots stored before membership changes existed (then: the initial voters). */
  readonly voters?: readonly NodeId[] | undefined;
  /** The learners of that configuration, when it has any. */
  readonly learners?: readonly NodeId[] | undefined;
}

/** Every message Raft nodes send each other. */
export type RaftMessage = VoteRequest | VoteResponse | AppendRequest | AppendResponse | TimeoutNow | SnapshotRequest;

/** A message to send, once what the same Ready asks to persist is on disk. */
export interface Outbound {
  readonly to: NodeId;
  readonly message: RaftMessage;
}
