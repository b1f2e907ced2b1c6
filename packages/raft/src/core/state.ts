import type { NodeId, Rng } from '@faultline/core';
import type { RaftConfig } from './config.ts';
import { RaftLog } from './log.ts';
import type { RaftMessage, Snapshot } from './messages.ts';
import { emptyBuilder, type ReadyBuilder, type Role } from './ready.ts';

/** What the leader knows of one follower (Raft Figure 2 `nextIndex`, `matchIndex`). */
export interface Progress {
  next: number;
  match: number;
  /** The highest heartbeat round this follower answered in the current term. */
  ackedSeq: number;
  /** Heard from since the last CheckQuorum. */
  recentActive: boolean;
}

/** A read waiting for a majority to confirm the leader's round `seq` (ReadIndex, thesis §6.4). */
export interface PendingRead {
  readonly id: string;
  readonly index: number;
  readonly seq: number;
}

/** Everything one Raft node holds; the files beside this one are functions over it. */
export interface RaftState {
  readonly self: NodeId;
  /** The voters of the latest configuration in the log (thesis §4.1: in force once appended); this node among them unless it is being added or was removed. */
  voters: readonly NodeId[];
  /** The index of the entry that set `voters` (the snapshot's index when it came from the base). */
  configIndex: number;
  /** The configuration at the snapshot's index (or the initial voters): what a truncation back past every configuration entry reverts to. */
  baseVoters: readonly NodeId[];
  /** Non-voting members of the latest configuration (thesis §4.2.1): the leader replicates to them, nobody counts them. */
  learners: readonly NodeId[];
  /** The learners at the snapshot's index (beside `baseVoters`). */
  baseLearners: readonly NodeId[];
  /** The voters before the latest change (only the planted `old-quorum` bug reads them). */
  priorVoters: readonly NodeId[];
  readonly config: RaftConfig;
  readonly rng: Rng;
  clock: number;
  // Persistent (Figure 2).
  term: number;
  votedFor: NodeId | null;
  readonly log: RaftLog;
  /** The latest snapshot, which the log's compacted prefix became (sent to followers behind it). */
  snapshot: Snapshot | undefined;
  // Volatile.
  role: Role;
  leader: NodeId | undefined;
  commitIndex: number;
  /** Entries up to here were handed to the host to apply. */
  appliedIndex: number;
  electionDeadline: number;
  /** When this node last heard from a current leader (for CheckQuorum's vote stickiness). */
  leaderHeardAt: number;
  votes: Set<NodeId>;
  // Leader only.
  progress: Map<NodeId, Progress>;
  heartbeatDeadline: number;
  checkQuorumDeadline: number;
  /** Heartbeat round number; every broadcast carries a fresh one. */
  seq: number;
  /** When each recent round was sent (for leases). */
  seqSentAt: Map<number, number>;
  /** The lease ends here (the node's clock); -Infinity without one. */
  leaseUntil: number;
  /** The index of this leader's first entry (its no-op): once committed, ReadIndex may use the commit index (thesis §6.4 step 1). */
  termStartIndex: number;
  pendingReads: PendingRead[];
  /** Leadership transfer under way: the follower to hand over to, and when to give up (thesis §3.10). */
  transferee: NodeId | undefined;
  transferDeadline: number;
  /** Reads waiting for this leader's no-op to commit. */
  waitingReads: string[];
  out: ReadyBuilder;
}

export function createState(self: NodeId, voters: readonly NodeId[], config: RaftConfig, rng: Rng, restored: { term: number; votedFor: NodeId | null; log: RaftLog; snapshot: Snapshot | undefined; learners: readonly NodeId[] }): RaftState {
  return {
    self, voters, learners: restored.learners, baseLearners: restored.learners, configIndex: restored.log.snapIndex, baseVoters: voters, priorVoters: voters, config, rng, clock: -Infinity,
    term: restored.term, votedFor: restored.votedFor, log: restored.log, snapshot: restored.snapshot,
    role: 'follower', leader: undefined, commitIndex: restored.log.snapIndex, appliedIndex: restored.log.snapIndex,
    electionDeadline: Infinity, leaderHeardAt: -Infinity, votes: new Set(),
    progress: new Map(), heartbeatDeadline: Infinity, checkQuorumDeadline: Infinity,
    seq: 0, seqSentAt: new Map(), leaseUntil: -Infinity, termStartIndex: 0, pendingReads: [], waitingReads: [], transferee: undefined, transferDeadline: Infinity,
    out: emptyBuilder(),
  };
}

/** Votes (or acknowledgements) needed: a majority of the voters of the latest configuration. */
export function quorum(s: RaftState): number {
  // Planted bug: while the change is uncommitted, the majority of the configuration it left (by size).
  if (s.config.unsafeMembership === 'old-quorum' && s.configIndex > s.commitIndex) return Math.floor(s.priorVoters.length / 2) + 1;
  return Math.floor(s.voters.length / 2) + 1;
}

/** Does this node's own log and acknowledgement count toward majorities? Only as a voter (thesis §4.2.2), unless the planted `removed-leader-stays` bug says otherwise. */
export function countsSelf(s: RaftState): boolean {
  return s.voters.includes(s.self) || (s.config.unsafeMembership === 'removed-leader-stays' && s.role === 'leader');
}

/** The other voters: whom a candidate asks for votes. */
export function peers(s: RaftState): NodeId[] {
  return s.voters.filter((v) => v !== s.self);
}

/** Everyone the leader replicates to: the other voters and the learners. */
export function replicas(s: RaftState): NodeId[] {
  return s.learners.length === 0 ? peers(s) : [...peers(s), ...s.learners.filter((l) => l !== s.self)];
}

/** The leader's progress of voters only: what majorities count (a learner's acknowledgement never does). */
export function voterProgress(s: RaftState): Progress[] {
  const out: Progress[] = [];
  for (const [peer, p] of s.progress) if (s.learners.length === 0 || !s.learners.includes(peer)) out.push(p);
  return out;
}

export function send(s: RaftState, to: NodeId, message: RaftMessage): void {
  s.out.messages.push({ to, message });
}

/** Draws a fresh election timeout from [min, max] (Raft §5.2: randomised so split votes are rare). */
export function resetElectionTimer(s: RaftState): void {
  const { electionTimeoutMinMs: min, electionTimeoutMaxMs: max } = s.config;
  s.electionDeadline = s.clock + min + s.rng.next() * (max - min);
}

export function noteRole(s: RaftState): void {
  s.out.events.push({ type: 'role', role: s.role, term: s.term, leader: s.leader, at: s.clock });
}

/** Moves to a newer term as a follower, forgetting the vote (Figure 2, "All Servers"). */
export function adoptTerm(s: RaftState, term: number): void {
  if (term <= s.term) return;
  s.term = term;
  s.votedFor = null;
  s.out.hardStateDirty = true;
  // Figure 2 resets the election timer on hearing from a leader or granting a vote, not on seeing a newer
  // term: resetting here would bring every node's timer into step after each split vote (measured: Figure 16
  // at 150–155 ms went from a median of ~1.7 s to the paper's few hundred ms without it).
  becomeFollower(s, undefined, s.role === 'leader');
}

/** Becomes a follower of `leader` (or of nobody yet) in the current term. */
export function becomeFollower(s: RaftState, leader: NodeId | undefined, resetTimer = true): void {
  const changed = s.role !== 'follower' || s.leader !== leader;
  if (s.role === 'leader') stepDownCleanup(s);
  s.role = 'follower';
  s.leader = leader;
  s.votes.clear();
  if (resetTimer) resetElectionTimer(s);
  if (changed) noteRole(s);
}

/** A leader stepping down refuses the reads it was holding: they had no effect, so failing them is safe. */
function stepDownCleanup(s: RaftState): void {
  for (const r of s.pendingReads) s.out.refused.push({ id: r.id, reason: 'not-leader', leader: undefined });
  for (const id of s.waitingReads) s.out.refused.push({ id, reason: 'not-leader', leader: undefined });
  s.pendingReads = [];
  s.waitingReads = [];
  s.progress.clear();
  s.seqSentAt.clear();
  s.leaseUntil = -Infinity;
  s.heartbeatDeadline = Infinity;
  s.checkQuorumDeadline = Infinity;
  s.transferee = undefined;
  s.transferDeadline = Infinity;
}
