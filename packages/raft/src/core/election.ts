import type { NodeId } from '@faultline/core';
import type { VoteRequest, VoteResponse } from './messages.ts';
import { broadcastAppend } from './replication.ts';
import { adoptTerm, becomeFollower, countsSelf, noteRole, peers, quorum, replicas, voterProgress, resetElectionTimer, send, type RaftState } from './state.ts';

/**
 * Leader election (Raft §5.2, §5.4.1), with pre-vote (thesis §9.6) and the vote stickiness of
 * CheckQuorum (thesis §4.2.3), after etcd-io/raft `raft.go` (`campaign`, `Step` on MsgVote/MsgPreVote).
 */

/** An election timeout fired on a follower or candidate: start a (pre-)campaign. */
export function electionTimeout(s: RaftState): void {
  if (s.role === 'leader') return;
  if (!s.voters.includes(s.self)) return resetElectionTimer(s); // not a voter (being added, or removed): never campaigns
  if (s.config.preVote) campaign(s, true);
  else campaign(s, false);
}

/** The leader of this term handed leadership over: campaign at once, without pre-vote, asking voters to set their leader lease aside. */
export function onTimeoutNow(s: RaftState, from: NodeId, m: { term: number }): void {
  if (m.term !== s.term || s.role === 'leader' || s.leader !== from || !s.voters.includes(s.self)) return;
  campaign(s, false, true);
}

function campaign(s: RaftState, pre: boolean, transfer = false): void {
  const term = s.term + 1;
  if (pre) {
    s.role = 'pre-candidate';
  } else {
    s.term = term;
    s.votedFor = s.self;
    s.out.hardStateDirty = true;
    s.role = 'candidate';
  }
  s.leader = undefined;
  s.votes = new Set([s.self]);
  resetElectionTimer(s);
  noteRole(s);
  if (votesIn(s) >= quorum(s)) return won(s, pre);
  for (const peer of peers(s)) {
    send(s, peer, { type: 'raft-vote', term, pre, lastIndex: s.log.lastIndex, lastTerm: s.log.lastTerm, ...(transfer ? { transfer } : {}) });
  }
}

function won(s: RaftState, pre: boolean): void {
  if (pre) campaign(s, false);
  else becomeLeader(s);
}

/** Did this node hear from a live leader within the minimum election timeout? Then it ignores votes (CheckQuorum only). */
function inLease(s: RaftState): boolean {
  return s.config.checkQuorum && s.leader !== undefined && s.clock - s.leaderHeardAt < s.config.electionTimeoutMinMs;
}

export function onVoteRequest(s: RaftState, from: NodeId, m: VoteRequest): void {
  // thesis §4.2.3: a current leader exists, so this candidate is disruptive — unless that leader handed over (§3.10).
  if (m.term > s.term && inLease(s) && m.transfer !== true) return;
  if (m.term < s.term) {
    send(s, from, { type: 'raft-vote-reply', term: s.term, pre: m.pre, granted: false });
    return;
  }
  if (!m.pre) adoptTerm(s, m.term);
  const upToDate = s.log.isUpToDate(m.lastIndex, m.lastTerm);
  let granted: boolean;
  if (m.pre) {
    // A pre-vote changes nothing here: grant it if a real vote in m.term could be granted.
    granted = upToDate && (m.term > s.term || (s.votedFor === null || s.votedFor === from) && s.leader === undefined);
  } else {
    granted = upToDate && (s.votedFor === null || s.votedFor === from);
    if (granted) {
      s.votedFor = from;
      s.out.hardStateDirty = true;
      resetElectionTimer(s);
    }
  }
  // etcd answers a granted pre-vote with the requested term, so the candidate does not mistake it for a newer one.
  send(s, from, { type: 'raft-vote-reply', term: granted && m.pre ? m.term : s.term, pre: m.pre, granted });
}

export function onVoteResponse(s: RaftState, from: NodeId, m: VoteResponse): void {
  if (m.term > s.term && !(m.pre && m.granted)) {
    adoptTerm(s, m.term);
    return;
  }
  const campaigning = m.pre ? s.role === 'pre-candidate' && m.term === s.term + 1 : s.role === 'candidate' && m.term === s.term;
  if (!campaigning || !m.granted) return;
  s.votes.add(from);
  if (votesIn(s) >= quorum(s)) won(s, m.pre);
}

/** Votes from voters of the latest configuration (thesis §4.1: anyone may answer, only voters count). */
function votesIn(s: RaftState): number {
  let n = 0;
  for (const v of s.votes) if (s.voters.includes(v)) n++;
  return n;
}

/** Becomes leader: fresh progress for every follower and (unless `leaderNoop` is off) a no-op entry of the new term (thesis §6.4, §8), sent at once. */
export function becomeLeader(s: RaftState): void {
  s.role = 'leader';
  s.leader = s.self;
  s.votes.clear();
  s.electionDeadline = Infinity;
  s.progress.clear();
  for (const peer of replicas(s)) s.progress.set(peer, { next: s.log.lastIndex + 1, match: 0, ackedSeq: 0, recentActive: true });
  if (s.config.leaderNoop) {
    const noop = s.log.append(s.term, null);
    s.out.persistFrom = s.out.persistFrom === undefined ? noop.index : Math.min(s.out.persistFrom, noop.index);
  }
  // The first index of this term: its no-op, or the next proposal without one.
  s.termStartIndex = s.config.leaderNoop ? s.log.lastIndex : s.log.lastIndex + 1;
  s.checkQuorumDeadline = s.clock + s.config.electionTimeoutMinMs;
  s.leaseUntil = -Infinity;
  noteRole(s);
  broadcastAppend(s);
}

/** CheckQuorum (thesis §6.2): a leader that did not hear from a majority in the last election timeout steps down. */
export function checkQuorum(s: RaftState): void {
  if (s.role !== 'leader' || !s.config.checkQuorum || s.clock < s.checkQuorumDeadline) return;
  let active = countsSelf(s) ? 1 : 0;
  for (const p of voterProgress(s)) if (p.recentActive) active++;
  for (const p of s.progress.values()) p.recentActive = false;
  s.checkQuorumDeadline = s.clock + s.config.electionTimeoutMinMs;
  if (active < quorum(s)) becomeFollower(s, undefined);
}
