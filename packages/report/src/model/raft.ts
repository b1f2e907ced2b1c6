import type { RaftRecord } from '../folder/layout.ts';
import type { RaftModel, RaftTrack } from './report-model.ts';

/** One track per Raft node, its changes in time order; nodes in natural order (n2 before n10). */
export function raftModel(records: readonly RaftRecord[]): RaftModel | undefined {
  if (records.length === 0) return undefined;
  const tracks = new Map<string, { node: string; at: number[]; role: string[]; term: number[]; commit: number[] }>();
  for (const r of [...records].sort((a, b) => a.at - b.at)) {
    let t = tracks.get(r.node);
    if (!t) tracks.set(r.node, (t = { node: r.node, at: [], role: [], term: [], commit: [] }));
    t.at.push(r.at);
    t.role.push(r.role);
    t.term.push(r.term);
    t.commit.push(r.commitIndex);
  }
  const ordered: RaftTrack[] = [...tracks.values()].sort((a, b) => a.node.localeCompare(b.node, 'en', { numeric: true }));
  return { tracks: ordered, maxCommit: Math.max(0, ...records.map((r) => r.commitIndex)) };
}
