import { countsSelf, quorum, voterProgress, type RaftState } from './state.ts';

/**
 * The leader's commit rule (Raft §5.4.2): an index N is committed once a majority stores it AND the
 * entry at N has the leader's current term; earlier entries are then committed with it (Log
 * Matching). Counting replicas of an older term's entry is not enough — Figure 8 shows such an entry
 * being overwritten — and `unsafeCommitOldTerms` plants exactly that mistake.
 */
export function advanceCommit(s: RaftState): void {
  if (s.role !== 'leader') return;
  // Progress is kept for the latest configuration's voters only; a leader that configuration removed does not count itself (thesis §4.2.2).
  const own = countsSelf(s) ? [s.log.lastIndex] : [];
  const matches = [...own, ...voterProgress(s).map((p) => p.match)].sort((a, b) => b - a);
  // The highest index a majority stores: the quorum-th largest match.
  const majorityIndex = matches[quorum(s) - 1] ?? 0;
  for (let n = majorityIndex; n > s.commitIndex; n--) {
    if (s.config.unsafeCommitOldTerms || s.log.termAt(n) === s.term) {
      s.commitIndex = n;
      return;
    }
    // §5.4.2: an older-term entry is never committed by counting; a current-term entry after it will be.
  }
}
