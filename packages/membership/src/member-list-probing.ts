import type { NodeId } from '@faultline/core';
import { emitChange, randomOthers, type MemberListState } from './member-list-state.ts';

/** The next member to probe in the round-robin order (alive or suspect), with its incarnation now. */
export function nextTarget(s: MemberListState): { node: NodeId; incarnation: number } | undefined {
  const node = s.known.order.next((n) => {
    const state = s.known.table.get(n)?.claim.state;
    return state === 'alive' || state === 'suspect';
  });
  const r = node === undefined ? undefined : s.known.table.get(node);
  return node === undefined || !r ? undefined : { node, incarnation: r.claim.incarnation };
}

/** Up to `k` random alive members other than `target`, to relay a probe of it. */
export function pickRelays(s: MemberListState, target: NodeId, k: number): NodeId[] {
  return randomOthers(s, k, (n, r) => n !== target && r.status === 'alive');
}

/** Our probe of `target` got an ack: it is reachable again. */
export function probeSucceeded(s: MemberListState, target: NodeId): void {
  const change = s.known.table.setUnreachable(target, false, s.clock);
  if (change) emitChange(s, change);
}

/** Our probe of `target` (at `incarnation`) failed directly and through relays: flag it unreachable and suspect it. */
export function probeFailed(s: MemberListState, target: NodeId, incarnation: number): void {
  const r = s.known.table.get(target);
  if (!r || r.claim.incarnation !== incarnation || (r.claim.state !== 'alive' && r.claim.state !== 'suspect')) return;
  // Flag first, so the view moves straight from alive to unreachable (one event, not two).
  const change = s.known.table.setUnreachable(target, true, s.clock);
  if (change) emitChange(s, change);
  s.known.suspect(target, incarnation);
}
