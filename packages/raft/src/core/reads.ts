import { countsSelf, quorum, voterProgress, type RaftState } from './state.ts';

/**
 * Linearizable reads without writing the log (thesis §6.4; etcd-io/raft `read_only.go`).
 * ReadIndex: the leader notes its commit index, confirms it is still leader by a heartbeat round a
 * majority answers, then serves once that index is applied. It needs an entry of its own term
 * committed first (its no-op), or its commit index might lag an earlier leader's.
 * Lease (§6.4.1): a majority that answered a round sent at t will not elect anyone before
 * t + minimum election timeout (they ignore votes meanwhile, CheckQuorum); the leader serves without
 * a round until t + min − margin, on its own clock — safe only while clock drift stays inside the margin.
 */

/** Whether this leader's commit index is at least as new as any earlier leader's (its no-op is committed). */
export function committedInTerm(s: RaftState): boolean {
  return s.role === 'leader' && s.commitIndex >= s.termStartIndex;
}

/** Starts a ReadIndex read; it becomes ready in a later step once a round is confirmed. */
export function readIndex(s: RaftState, id: string, lease: boolean): void {
  if (s.role !== 'leader') {
    s.out.refused.push({ id, reason: 'not-leader', leader: s.leader });
    return;
  }
  if (s.pendingReads.length + s.waitingReads.length >= s.config.maxPendingReads) {
    s.out.refused.push({ id, reason: 'overloaded', leader: s.leader });
    return;
  }
  if (!committedInTerm(s)) {
    s.waitingReads.push(id);
    return;
  }
  if (lease && s.clock < s.leaseUntil) {
    s.out.readsReady.push({ id, index: s.commitIndex });
    return;
  }
  // The round this read waits for must be one sent after it arrived: the next broadcast.
  s.pendingReads.push({ id, index: s.commitIndex, seq: s.seq + 1 });
}

/** Reads queued until the no-op committed now join the next round. */
export function releaseWaitingReads(s: RaftState): void {
  if (s.waitingReads.length === 0 || !committedInTerm(s)) return;
  for (const id of s.waitingReads) s.pendingReads.push({ id, index: s.commitIndex, seq: s.seq + 1 });
  s.waitingReads = [];
}

/** The newest round a majority (this leader included) has answered. */
export function confirmedSeq(s: RaftState): number {
  const own = countsSelf(s) ? [s.seq] : [];
  const acked = [...own, ...voterProgress(s).map((p) => p.ackedSeq)].sort((a, b) => b - a);
  return acked[quorum(s) - 1] ?? 0;
}

/** Marks ready every pending read whose round a majority answered, and extends the lease. */
export function confirmReads(s: RaftState): void {
  if (s.role !== 'leader') return;
  const confirmed = confirmedSeq(s);
  const sentAt = s.seqSentAt.get(confirmed);
  if (sentAt !== undefined && s.config.checkQuorum && s.transferee === undefined) {
    s.leaseUntil = Math.max(s.leaseUntil, sentAt + s.config.electionTimeoutMinMs - s.config.leaseMarginMs);
  }
  let i = 0;
  while (i < s.pendingReads.length && s.pendingReads[i]!.seq <= confirmed) {
    const r = s.pendingReads[i]!;
    s.out.readsReady.push({ id: r.id, index: r.index });
    i++;
  }
  if (i > 0) s.pendingReads.splice(0, i);
}
