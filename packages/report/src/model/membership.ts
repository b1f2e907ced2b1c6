import type { MembershipRecord } from '../folder/layout.ts';
import type { MembershipModel, MembershipTrack } from './report-model.ts';

/** Every node's view of every other over time, and each node's quorum, from membership events. */
export function membershipModel(records: readonly MembershipRecord[]): MembershipModel | undefined {
  if (records.length === 0) return undefined;
  const tracks = new Map<string, { observer: string; member: string; at: number[]; status: string[] }>();
  const quorum = new Map<string, { observer: string; at: number[]; has: boolean[]; text: string[] }>();
  const nodes = new Set<string>();
  for (const r of [...records].sort((a, b) => a.at - b.at)) {
    nodes.add(r.observer);
    if (r.quorum) {
      let q = quorum.get(r.observer);
      if (!q) quorum.set(r.observer, (q = { observer: r.observer, at: [], has: [], text: [] }));
      q.at.push(r.at);
      q.has.push(r.quorum.hasQuorum);
      q.text.push(`${r.quorum.reachable} reachable, ${r.quorum.needed} needed`);
    } else if (r.node !== undefined && r.status !== undefined) {
      nodes.add(r.node);
      const key = `${r.observer}>${r.node}`;
      let t = tracks.get(key);
      if (!t) tracks.set(key, (t = { observer: r.observer, member: r.node, at: [], status: [] }));
      t.at.push(r.at);
      t.status.push(r.status);
    }
  }
  const order = [...nodes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  // Positions from a map, not indexOf per comparison: a 1,000-node cluster has a million tracks.
  const position = new Map(order.map((node, i) => [node, i]));
  const rank = (t: MembershipTrack) => (position.get(t.observer) ?? 0) * order.length + (position.get(t.member) ?? 0);
  return { nodes: order, tracks: [...tracks.values()].sort((a, b) => rank(a) - rank(b)), quorum: [...quorum.values()] };
}
