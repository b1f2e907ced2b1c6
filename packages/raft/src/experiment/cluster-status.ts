import { address, type NodeId } from '@faultline/core';
import type { Cluster } from '@faultline/runtime';
import type { RaftKvStatus, RaftTimelinePoint } from '../kv/raft-kv.ts';

/** Every up node's status (a node that does not answer in `timeoutMs` is left out). */
export async function statuses(cluster: Cluster, actor: string, timeoutMs = 50): Promise<RaftKvStatus[]> {
  const out: RaftKvStatus[] = [];
  for (const node of cluster.nodes) {
    if (!cluster.isUp(node)) continue;
    const s = await cluster.ask<RaftKvStatus>(address(node, actor), { type: 'raft-status' }, { timeoutMs });
    if (s.status === 'ok') out.push(s.value);
  }
  return out;
}

/** The leader of the highest term any node knows, if it is up and knows it leads. */
export async function currentLeader(cluster: Cluster, actor: string): Promise<RaftKvStatus | undefined> {
  const all = await statuses(cluster, actor);
  const leaders = all.filter((s) => s.role === 'leader').sort((a, b) => b.term - a.term);
  const top = Math.max(...all.map((s) => s.term));
  return leaders[0] !== undefined && leaders[0].term === top ? leaders[0] : undefined;
}

/** Polls every `everyMs` until a leader exists, at most `maxMs`. */
export async function awaitLeader(cluster: Cluster, actor: string, maxMs: number, everyMs = 25): Promise<RaftKvStatus | undefined> {
  const until = cluster.now() + maxMs;
  for (;;) {
    const leader = await currentLeader(cluster, actor);
    if (leader !== undefined || cluster.now() >= until) return leader;
    await cluster.sleep(everyMs);
  }
}

/** Every up node's role/term/commit-index timeline, one record per point (a report's `raftEvents`). */
export async function raftTimelines(cluster: Cluster, actor: string, timeoutMs = 1000): Promise<(RaftTimelinePoint & { node: string })[]> {
  const out: (RaftTimelinePoint & { node: string })[] = [];
  for (const node of cluster.nodes) {
    if (!cluster.isUp(node)) continue;
    const r = await cluster.ask<RaftTimelinePoint[]>(address(node, actor), { type: 'raft-timeline' }, { timeoutMs });
    if (r.status === 'ok') out.push(...r.value.map((p) => ({ node, ...p })));
  }
  return out;
}

export type { NodeId };
