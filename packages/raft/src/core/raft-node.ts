import type { NodeId, Rng } from '@faultline/core';
import type { RaftConfig } from './config.ts';
import { advanceCommit } from './commit.ts';
import { checkQuorum, electionTimeout, onTimeoutNow, onVoteRequest, onVoteResponse } from './election.ts';
import { RaftLog } from './log.ts';
import { adoptCommitted, configAt, configOf, proposeChange, reloadConfig, stepDownIfRemoved, type MembershipChange } from './membership.ts';
import type { Entry, RaftMessage, Snapshot } from './messages.ts';
import { emptyBuilder, persistFrom, type HardState, type Ready, type Role } from './ready.ts';
import { readIndex, releaseWaitingReads } from './reads.ts';
import { broadcastAppend, onAppend, onAppendResponse, onSnapshot, sendAppend } from './replication.ts';
import { becomeFollower, createState, resetElectionTimer, send, type RaftState } from './state.ts';

/** One input to a Raft node. */
export type RaftInput =
  | { readonly type: 'tick' }
  | { readonly type: 'message'; readonly from: NodeId; readonly message: RaftMessage }
  /** Append a command to the log (leader only); answered in `Ready.accepted` or `Ready.refused`. */
  | { readonly type: 'propose'; readonly id: string; readonly command: unknown }
  /** A linearizable read without a log entry: ReadIndex, or a lease when `lease` and one is held. */
  | { readonly type: 'read'; readonly id: string; readonly lease: boolean }
  /** Leadership transfer (leader only): catch `to` up, then tell it to campaign; proposals are refused meanwhile, for at most an election timeout. */
  | { readonly type: 'transfer'; readonly to: NodeId }
  /** Log compaction (Raft §7): the host's state machine, applied up to `index`, is `data`; entries up to `index` are dropped. */
  | { readonly type: 'compact'; readonly index: number; readonly data: unknown }
  /** Add or remove one server (leader only, thesis §4.1): answered in `Ready.accepted` (done once that entry commits) or `Ready.refused`. */
  | { readonly type: 'change'; readonly id: string; readonly change: MembershipChange };

/** How a node starts: its identity, the voters, and what it restored from storage. */
export interface RaftNodeOptions {
  readonly self: NodeId;
  /** The initial configuration; configuration entries and snapshots restored override it. */
  readonly voters: readonly NodeId[];
  /** A server being added (thesis §4.1): it starts outside `voters` with an empty log and takes part once the leader's configuration entry names it. */
  readonly joining?: boolean;
  readonly config: RaftConfig;
  readonly rng: Rng;
  readonly now: number;
  readonly restored?: { readonly hardState: HardState; readonly entries: readonly Entry[]; readonly snapshot?: Snapshot | undefined };
}

/** A node's state as an observer sees it. */
export interface RaftStatus {
  readonly self: NodeId;
  readonly role: Role;
  readonly term: number;
  readonly leader: NodeId | undefined;
  readonly commitIndex: number;
  readonly lastIndex: number;
  /** The log is compacted up to here. */
  readonly snapIndex: number;
  /** The voters of the latest configuration in this node's log (committed or not). */
  readonly voters: readonly NodeId[];
  /** The non-voting members of that configuration (thesis §4.2.1). */
  readonly learners: readonly NodeId[];
  /** The index of the entry that set them. */
  readonly configIndex: number;
}

/**
 * Raft (Ongaro & Ousterhout 2014) as a pure state machine, in the shape of etcd-io/raft's
 * `RawNode`: `step` takes an input and the node's clock and returns a {@link Ready}; it does no
 * I/O and its only randomness is the injected generator. `nextDeadline` says when to `tick`.
 * The work is done by functions over a `RaftState`, one file per concept: election, replication,
 * the commit rule, and reads.
 */
export class RaftNode {
  private readonly s: RaftState;

  constructor(options: RaftNodeOptions) {
    if (!options.joining && !options.voters.includes(options.self)) throw new Error(`raft: ${options.self} is not among the voters ${options.voters.join(', ')} (a server being added starts with joining: true)`);
    const hs = options.restored?.hardState ?? { term: 0, votedFor: null };
    const snapshot = options.restored?.snapshot;
    const log = new RaftLog(options.restored?.entries ?? [], snapshot ?? { index: 0, term: 0 });
    this.s = createState(options.self, snapshot?.voters ?? options.voters, options.config, options.rng, { term: hs.term, votedFor: hs.votedFor, log, snapshot, learners: snapshot?.learners ?? [] });
    this.s.clock = options.now;
    reloadConfig(this.s); // the latest configuration entry restored, if any
    resetElectionTimer(this.s);
  }

  /** Feeds one input at `now` (the node's clock; a smaller value than before counts as no time passing). */
  step(input: RaftInput, now: number): Ready {
    const s = this.s;
    s.clock = Math.max(s.clock, now);
    const commitBefore = s.commitIndex;
    switch (input.type) {
      case 'tick': this.tick(); break;
      case 'message': this.receive(input.from, input.message); break;
      case 'propose': this.propose(input.id, input.command); break;
      case 'transfer': this.transfer(input.to); break;
      case 'compact': this.compact(input.index, input.data); break;
      case 'change': proposeChange(s, input.id, input.change); break;
      case 'read':
        readIndex(s, input.id, input.lease);
        if (s.pendingReads.some((r) => r.seq > s.seq)) broadcastAppend(s);
        break;
      default: {
        const never: never = input;
        throw new Error(`unknown raft input ${JSON.stringify(never)}`);
      }
    }
    const waiting = s.waitingReads.length;
    releaseWaitingReads(s);
    if (waiting > 0 && s.waitingReads.length === 0) broadcastAppend(s);
    if (s.commitIndex > commitBefore) {
      s.out.events.push({ type: 'commit', index: s.commitIndex, at: s.clock });
      adoptCommitted(s); // only under the planted adopt-at-commit bug
    }
    stepDownIfRemoved(s, () => broadcastAppend(s), () => becomeFollower(s, undefined));
    return this.ready();
  }

  /** The earliest time `tick` has work to do. */
  nextDeadline(): number {
    const s = this.s;
    if (s.role !== 'leader') return s.electionDeadline;
    const deadline = Math.min(s.heartbeatDeadline, s.transferDeadline);
    return s.config.checkQuorum ? Math.min(deadline, s.checkQuorumDeadline) : deadline;
  }

  status(): RaftStatus {
    const s = this.s;
    return { self: s.self, role: s.role, term: s.term, leader: s.leader, commitIndex: s.commitIndex, lastIndex: s.log.lastIndex, snapIndex: s.log.snapIndex, voters: s.voters, learners: s.learners, configIndex: s.configIndex };
  }

  /** Committed entries still in the log, after the snapshot (for checking that nodes agree and that acknowledged writes survived). */
  committedEntries(): Entry[] {
    return this.s.log.slice(1, this.s.commitIndex);
  }

  private tick(): void {
    const s = this.s;
    if (s.role === 'leader') {
      if (s.clock >= s.transferDeadline) { s.transferee = undefined; s.transferDeadline = Infinity; } // the transfer failed: lead on
      checkQuorum(s);
      if (s.role === 'leader' && s.clock >= s.heartbeatDeadline) broadcastAppend(s);
    } else if (s.clock >= s.electionDeadline) {
      electionTimeout(s);
    }
  }

  private receive(from: NodeId, m: RaftMessage): void {
    const s = this.s;
    // Thesis §4.1: requests are processed whatever the configuration (a server being added must hear the leader);
    // only voters' votes and acknowledgements count, which election.ts and the leader's progress see to.
    if (from === s.self) return;
    switch (m.type) {
      case 'raft-vote': onVoteRequest(s, from, m); break;
      case 'raft-vote-reply': onVoteResponse(s, from, m); break;
      case 'raft-append': onAppend(s, from, m); break;
      case 'raft-append-reply': onAppendResponse(s, from, m); break;
      case 'raft-timeout-now': onTimeoutNow(s, from, m); break;
      case 'raft-snapshot': onSnapshot(s, from, m); break;
      default: {
        const never: never = m;
        throw new Error(`unknown raft message ${JSON.stringify(never)}`);
      }
    }
  }

  private propose(id: string, command: unknown): void {
    const s = this.s;
    if (configOf(command) !== undefined) throw new Error('raft: a configuration entry cannot be proposed as a command; use the change input');
    if (s.role !== 'leader' || s.transferee !== undefined) {
      // During a transfer the log must stop growing so the transferee can catch up (etcd drops proposals then).
      s.out.refused.push({ id, reason: 'not-leader', leader: s.transferee ?? s.leader });
      return;
    }
    const entry = s.log.append(s.term, command);
    persistFrom(s.out, entry.index);
    s.out.accepted.push({ id, index: entry.index, term: entry.term });
    // Followers that are caught up get it at once; the others are being caught up one append at a time.
    for (const [peer, p] of s.progress) if (p.next === entry.index) sendAppend(s, peer);
    advanceCommit(s);
  }

  private transfer(to: NodeId): void {
    const s = this.s;
    const p = s.progress.get(to);
    if (s.role !== 'leader' || p === undefined || to === s.self || !s.voters.includes(to)) return; // never to a learner
    s.transferee = to;
    s.transferDeadline = s.clock + s.config.electionTimeoutMinMs;
    // Voters grant the transferee's vote despite hearing from this leader, so its lease no longer holds.
    s.leaseUntil = -Infinity;
    if (p.match === s.log.lastIndex) send(s, to, { type: 'raft-timeout-now', term: s.term });
    else sendAppend(s, to);
  }

  private compact(index: number, data: unknown): void {
    const s = this.s;
    const term = s.log.termAt(index);
    if (index > s.appliedIndex || index <= s.log.snapIndex || term === undefined) return; // only what was applied, and only forward
    const { voters, learners } = configAt(s, index);
    s.log.compact(index);
    s.baseVoters = voters;
    s.baseLearners = learners;
    s.snapshot = { index, term, data, voters, ...(learners.length > 0 ? { learners } : {}) };
    s.out.snapshot = { ...s.snapshot, install: false, replacesLog: false };
  }

  private ready(): Ready {
    const s = this.s;
    const b = s.out;
    s.out = emptyBuilder();
    const committed = s.commitIndex > s.appliedIndex ? s.log.slice(s.appliedIndex + 1, s.commitIndex) : [];
    s.appliedIndex = s.commitIndex;
    return {
      hardState: b.hardStateDirty ? { term: s.term, votedFor: s.votedFor } : undefined,
      snapshot: b.snapshot,
      persistFrom: b.persistFrom,
      entries: b.persistFrom === undefined ? [] : s.log.slice(b.persistFrom, s.log.lastIndex),
      messages: b.messages, committed, accepted: b.accepted, readsReady: b.readsReady, refused: b.refused, events: b.events,
    };
  }
}
