import { address, type NodeId } from '@faultline/core';
import type { Cluster } from '@faultline/runtime';
import type { RaftKvStatus } from '../kv/raft-kv.ts';

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

export type { NodeId };
