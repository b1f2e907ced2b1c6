import { byNode } from './member-table.ts';
import type { MemberView } from './member.ts';
import type { MembershipView, MembershipViewChanges } from './view.ts';

/**
 * The view a `view-changes` answer brings `held` up to: `held`'s members with the changed ones
 * replaced or inserted (both lists sorted by node id), or the answer's list alone when `held` is
 * undefined (a full answer). `held` is not modified: a view handed out earlier stays as it was.
 */
export function applyViewChanges(held: MembershipView | undefined, changes: MembershipViewChanges): MembershipView {
  const members = held === undefined ? [...changes.members] : merged(held.members, changes.members);
  return {
    self: changes.self, phase: changes.phase, status: changes.status, incarnation: changes.incarnation, joined: changes.joined,
    members, quorum: changes.quorum, awareness: changes.awareness, at: changes.at,
  };
}

/** `base` with `changed` merged in by node id (one pass over both sorted lists). */
function merged(base: readonly MemberView[], changed: readonly MemberView[]): readonly MemberView[] {
  if (changed.length === 0) return base;
  const out: MemberView[] = [];
  let i = 0;
  for (const c of changed) {
    while (i < base.length && byNode(base[i] as MemberView, c) < 0) out.push(base[i++] as MemberView);
    if (i < base.length && (base[i] as MemberView).node === c.node) i++;
    out.push(c);
  }
  while (i < base.length) out.push(base[i++] as MemberView);
  return out;
}
