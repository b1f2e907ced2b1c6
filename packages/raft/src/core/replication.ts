import type { NodeId } from '@faultline/core';
import { advanceCommit } from './commit.ts';
import type { AppendRequest, AppendResponse, SnapshotRequest } from './messages.ts';
import { noteAppended, reloadConfig } from './membership.ts';
import { persistFrom } from './ready.ts';
import { confirmReads } from './reads.ts';
import { adoptTerm, becomeFollower, replicas, send, type RaftState } from './state.ts';

/** Log replication (Raft §5.3), after etcd-io/raft `raft.go` (`sendAppend`, `handleAppendEntries`, MsgAppResp). */

/** Sends every follower an append from its `next` (a heartbeat when it is up to date), as one new round. */
export function broadcastAppend(s: RaftState): void {
  s.seq++;
  s.seqSentAt.set(s.seq, s.clock);
  if (s.seqSentAt.size > 64) s.seqSentAt.delete(s.seqSentAt.keys().next().value as number);
  for (const peer of replicas(s)) sendAppend(s, peer);
  s.heartbeatDeadline = s.clock + s.config.heartbeatMs;
  confirmReads(s); // a one-node cluster confirms its own rounds
}

/** Sends one follower the entries from its `next`, at most `maxEntriesPerAppend`, in the current round. */
export function sendAppend(s: RaftState, peer: NodeId): void {
  const p = s.progress.get(peer);
  if (p === undefined) return;
  const prevIndex = p.next - 1;
  if (prevIndex < s.log.snapIndex && s.snapshot !== undefined) {
    // What it lacks was compacted away: send the snapshot instead (Raft §7).
    send(s, peer, { type: 'raft-snapshot', term: s.term, index: s.snapshot.index, snapTerm: s.snapshot.term, data: s.snapshot.data, voters: s.snapshot.voters ?? s.baseVoters, ...(s.baseLearners.length > 0 ? { learners: s.baseLearners } : {}), seq: s.seq });
    return;
  }
  const prevTerm = s.log.termAt(prevIndex) ?? 0;
  const entries = s.log.slice(p.next, Math.min(s.log.lastIndex, prevIndex + s.config.maxEntriesPerAppend));
  send(s, peer, { type: 'raft-append', term: s.term, prevIndex, prevTerm, entries, commit: s.commitIndex, seq: s.seq });
}

/** A follower's side of AppendEntries (Figure 2). */
export function onAppend(s: RaftState, from: NodeId, m: AppendRequest): void {
  if (m.term < s.term) {
    // Tell a deposed leader the newer term (etcd does this so pre-vote and CheckQuorum cannot leave it stuck).
    send(s, from, { type: 'raft-append-reply', term: s.term, success: false, match: 0, hint: s.log.lastIndex, seq: m.seq });
    return;
  }
  adoptTerm(s, m.term);
  becomeFollower(s, from); // also resets the election timer
  s.leaderHeardAt = s.clock;
  const reply = (success: boolean, match: number, hint: number) =>
    send(s, from, { type: 'raft-append-reply', term: s.term, success, match, hint, seq: m.seq });
  if (m.prevIndex > s.log.lastIndex) return reply(false, 0, s.log.lastIndex);
  // Behind this node's snapshot everything is committed, so it matches the leader's (etcd answers with its commit index too).
  if (m.prevIndex < s.log.snapIndex) return reply(true, s.commitIndex, s.commitIndex);
  if (s.log.termAt(m.prevIndex) !== m.prevTerm) {
    // Skip back over the whole conflicting term at once (§5.3, "the follower can include the term of the conflicting entry").
    const conflictTerm = s.log.termAt(m.prevIndex);
    let hint = m.prevIndex - 1;
    while (hint > s.commitIndex && s.log.termAt(hint) === conflictTerm) hint--;
    return reply(false, 0, hint);
  }
  const { writtenFrom, truncatedFrom } = s.log.merge(m.entries);
  if (truncatedFrom !== undefined && truncatedFrom <= s.commitIndex) {
    // Only a broken commit rule gets here: a committed entry is being replaced (Figure 8).
    s.out.events.push({ type: 'invariant', what: `committed entry ${truncatedFrom} overwritten by a leader of term ${m.term}`, at: s.clock });
    s.commitIndex = truncatedFrom - 1;
    s.appliedIndex = Math.min(s.appliedIndex, s.commitIndex);
  }
  if (writtenFrom !== undefined) persistFrom(s.out, writtenFrom);
  // Thesis §4.1: a configuration entry is in force once appended, and a truncated one takes its configuration with it.
  if (truncatedFrom !== undefined && truncatedFrom <= s.configIndex && s.config.unsafeMembership !== 'keep-on-truncation') reloadConfig(s);
  else if (writtenFrom !== undefined) noteAppended(s, writtenFrom);
  // Only what this message proved to match counts: entries past it may be a stale leader's.
  const match = m.prevIndex + m.entries.length;
  if (m.commit > s.commitIndex) s.commitIndex = Math.max(s.commitIndex, Math.min(m.commit, match));
  reply(true, match, match);
}

/** The leader's side of an append reply. */
export function onAppendResponse(s: RaftState, from: NodeId, m: AppendResponse): void {
  if (m.term > s.term) return adoptTerm(s, m.term);
  if (m.term < s.term || s.role !== 'leader') return;
  const p = s.progress.get(from);
  if (p === undefined) return;
  p.recentActive = true;
  if (m.seq > p.ackedSeq) p.ackedSeq = m.seq;
  if (m.success) {
    if (m.match > p.match) p.match = m.match;
    if (p.next < p.match + 1) p.next = p.match + 1;
    advanceCommit(s);
    if (from === s.transferee && p.match === s.log.lastIndex) send(s, from, { type: 'raft-timeout-now', term: s.term });
    // Stop-and-wait per follower: the newest acknowledgement sends what follows; heartbeats retransmit.
    if (m.match === p.match && p.match < s.log.lastIndex) {
      p.next = p.match + 1;
      sendAppend(s, from);
    }
  } else {
    // Back off to the hint, never below what is known to match.
    const next = Math.max(p.match + 1, Math.min(p.next - 1, m.hint + 1));
    if (next < p.next) {
      p.next = next;
      sendAppend(s, from);
    }
  }
  confirmReads(s);
}

/** A follower's side of InstallSnapshot (Raft §7): take the leader's snapshot unless this node already committed past it. */
export function onSnapshot(s: RaftState, from: NodeId, m: SnapshotRequest): void {
  if (m.term < s.term) {
    send(s, from, { type: 'raft-append-reply', term: s.term, success: false, match: 0, hint: s.log.lastIndex, seq: m.seq });
    return;
  }
  adoptTerm(s, m.term);
  becomeFollower(s, from);
  s.leaderHeardAt = s.clock;
  if (m.index > s.commitIndex) {
    const kept = s.log.installSnapshot(m.index, m.snapTerm);
    s.snapshot = { index: m.index, term: m.snapTerm, data: m.data, voters: m.voters, ...(m.learners !== undefined && m.learners.length > 0 ? { learners: m.learners } : {}) };
    s.baseVoters = m.voters;
    s.baseLearners = m.learners ?? [];
    reloadConfig(s); // the snapshot's configuration, or a later one in the tail kept
    s.commitIndex = m.index;
    s.appliedIndex = m.index;
    s.out.snapshot = { ...s.snapshot, install: true, replacesLog: !kept };
  }
  send(s, from, { type: 'raft-append-reply', term: s.term, success: true, match: s.commitIndex, hint: s.commitIndex, seq: m.seq });
}
