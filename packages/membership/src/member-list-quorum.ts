import { quorumFromCounts, type QuorumState } from './quorum.ts';
import { me, type MemberListState } from './member-list-state.ts';

/**
 * This node's quorum now, recomputed only when the member table changed, from the counts the table
 * keeps (the same figures `computeQuorum` would find by scanning the view: no scan per message).
 */
export function quorumOf(s: MemberListState): QuorumState {
  const t = s.known.table;
  const version = t.version;
  const cache = s.quorumCache;
  if (cache === undefined) {
    const state = quorumFromCounts(s.config.quorum, t.notLeftCount + t.configuredMissing, t.reachableCount, me(s).status);
    s.quorumCache = { version, state, selfStatus: me(s).status };
    return state;
  }
  if (cache.version !== version) {
    // Most table changes (a join storm's n² claims) leave the counts alone: keep the same state then.
    const known = t.notLeftCount + t.configuredMissing;
    const selfStatus = me(s).status;
    if (known !== cache.state.known || t.reachableCount !== cache.state.reachable || selfStatus !== cache.selfStatus) {
      cache.state = quorumFromCounts(s.config.quorum, known, t.reachableCount, selfStatus);
      cache.selfStatus = selfStatus;
    }
    cache.version = version;
  }
  return cache.state;
}

/** After a step: emits `quorum-lost` or `quorum-regained` if having a quorum changed. */
export function noteQuorum(s: MemberListState): void {
  const quorum = quorumOf(s);
  if (quorum.hasQuorum === s.hadQuorum) return;
  s.hadQuorum = quorum.hasQuorum;
  const type = quorum.hasQuorum ? 'quorum-regained' : 'quorum-lost';
  s.out.push({ type: 'event', event: { type, observer: s.self, quorum, at: s.clock } });
}
