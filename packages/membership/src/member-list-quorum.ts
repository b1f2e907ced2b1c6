import { computeQuorum, type QuorumState } from './quorum.ts';
import { me, type MemberListState } from './member-list-state.ts';

/** This node's quorum now, recomputed only when the member table changed. */
export function quorumOf(s: MemberListState): QuorumState {
  const version = s.known.table.version;
  if (s.quorumCache?.version !== version) {
    const state = computeQuorum(s.config.quorum, s.configured, s.known.table.statuses(), me(s).status);
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
