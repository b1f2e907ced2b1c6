import type { NodeId } from '@faultline/core';
import { goQuiet } from './member-list-lifecycle.ts';
import { log, me, type MemberListState } from './member-list-state.ts';

/** After a step that changed the member table: (re)schedules the split-brain decision, or cancels it. */
export function watchSplitBrain(s: MemberListState): void {
  if (!s.splitBrain || s.phase !== 'running' || s.splitBrainSeen === s.known.table.version) return;
  s.splitBrainSeen = s.known.table.version;
  const at = s.splitBrain.observe(s.known.table.statuses(), s.clock);
  if (at === undefined) s.deadlines.clear({ kind: 'split-brain' });
  else if (s.deadlines.at({ kind: 'split-brain' }) !== at) s.deadlines.set({ kind: 'split-brain' }, at);
}

/** The `split-brain` deadline: if the split held, downs the other side, or this node itself. */
export function resolveSplitBrain(s: MemberListState): void {
  const decision = s.splitBrain?.decide(s.known.table.statuses(), s.clock, seniority(s));
  if (!decision) return;
  log(s, 'split-brain decision', decision);
  if (decision.type === 'down-self') {
    s.known.apply({ node: s.self, state: 'dead', incarnation: me(s).claim.incarnation, from: s.self });
    return goQuiet(s, 'downed');
  }
  for (const node of decision.nodes) {
    const r = s.known.table.get(node);
    if (r && r.claim.state !== 'dead' && r.claim.state !== 'left') {
      s.known.apply({ node, state: 'dead', incarnation: r.claim.incarnation, from: s.self });
    }
  }
}

/** Oldest first: configured members in configuration order, then the rest by node id. */
function seniority(s: MemberListState): NodeId[] {
  const rest = [...s.known.table.entries()].map(([n]) => n).filter((n) => !s.configured.includes(n)).sort();
  return [...s.configured, ...rest];
}
