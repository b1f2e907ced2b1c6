import { quorumFromCounts, type QuorumState } from './quorum.ts';
import { me, type MemberListState } from './member-list-state.ts';

/**
 * This node's quorum now, recomputed only when the member table changed, from the counts the table
 * keeps (the same figures `computeQuorum` would find by scanning the view: no scan per message).
 */
export function quorumOf(s: MemberListState): QuorumState {
  const t = s.known.table;
  const version = t.version;
  if (s.quorumCache?.version !== version) {
    const state = quorumFromCounts(s.config.quorum, t.notLeftCount + t.configuredMissing, t.reachableCount, me(s).status);
    s.quorumCache = { version, state };
  }
  return s.quorumCache.state;
}

/** After a step: emits `quorum-lost` or `quorum-regained` if having a quorum changed. */
export function noteQuorum(s: MemberListState): void {
  const quorum = quorumOf(s);
  if (quorum.hasQuorum === s.hadQuorum) return;
  s.hadQuorum = quorum.hasQuorum;
  const type = quorum.hasQuorum ? 'quorum-regained' : 'quorum-lost';
  s.out.push({ type: 'event', event: { type, observer: s.self, quorum, at: s.clock } });
}
