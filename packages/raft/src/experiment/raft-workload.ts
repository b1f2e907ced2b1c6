import { address, dist, sample, type NodeId, type Rng } from '@faultline/core';
import type { JsonValue } from '@faultline/checker';
import { Recorder } from '@faultline/history';
import type { Cluster } from '@faultline/runtime';
import { leaderHint, type KvRequest, type KvValue } from '../kv/kv-protocol.ts';

/** How the Raft KV's clients behave (Jepsen-style processes, one operation in flight each). */
export interface RaftWorkloadConfig {
  readonly processes: number;
  readonly keys: readonly string[];
  readonly durationMs: number;
  readonly meanThinkMs: number;
  /** Fractions of reads and of compare-and-sets; the rest are writes. */
  readonly readFraction: number;
  readonly casFraction: number;
  readonly timeoutMs: number;
  /** Tries per operation when a node answers `not-leader` (each try goes to the hinted leader). */
  readonly leaderTries: number;
  readonly actorName: string;
}

/** Defaults: 10 processes on 3 keys for 8 s, 40 % reads, 30 % cas. */
export const DEFAULT_RAFT_WORKLOAD: RaftWorkloadConfig = {
  processes: 10, keys: ['x', 'y', 'z'], durationMs: 8_000, meanThinkMs: 40,
  readFraction: 0.4, casFraction: 0.3, timeoutMs: 1_000, leaderTries: 3, actorName: 'kv',
};

/** What the clients recorded. */
export interface RaftWorkloadResult {
  readonly history: Recorder;
  /** Request ids of writes and cas the store acknowledged: each must be in the final committed log. */
  readonly ackedIds: readonly string[];
  readonly summary: { readonly ok: number; readonly fail: number; readonly info: number };
  readonly origin: number;
}

/**
 * Clients of the Raft KV from the driver. A definite `not-leader` means the operation was not done,
 * so the same operation is retried at the hinted leader (still one invoke and one completion);
 * a timeout is `info` and the process retires (Jepsen's rule). Written values are unique, and a
 * cas expects the value this process last saw, so some succeed and some find another value.
 */
export async function runRaftWorkload(cluster: Cluster, rng: Rng, partial: Partial<RaftWorkloadConfig> = {}): Promise<RaftWorkloadResult> {
  const c = { ...DEFAULT_RAFT_WORKLOAD, ...partial };
  const origin = cluster.now();
  const history = new Recorder(() => cluster.now() - origin);
  const deadline = origin + c.durationMs;
  const ackedIds: string[] = [];
  const summary = { ok: 0, fail: 0, info: 0 };
  let nextValue = 1;
  let nextProcess = c.processes;
  let nextId = 0;
  const lastSeen = new Map<string, KvValue>();

  const slot = async (index: number): Promise<void> => {
    const streams = rng.derive(`slot:${index}`);
    let process = index;
    let target = cluster.nodes[index % cluster.nodes.length] as NodeId;
    for (;;) {
      await cluster.sleep(sample(dist.exponential(c.meanThinkMs), streams));
      if (cluster.now() >= deadline) return;
      const key = streams.pick(c.keys);
      const roll = streams.next();
      const id = `c${++nextId}`;
      const request: KvRequest = roll < c.readFraction ? { type: 'read', key }
        : roll < c.readFraction + c.casFraction ? { type: 'cas', key, from: lastSeen.get(key) ?? null, to: nextValue++, id }
        : { type: 'write', key, value: nextValue++, id };
      const value: JsonValue = request.type === 'read' ? null : request.type === 'write' ? request.value : [request.from, request.to];
      history.invoke(process, { f: request.type, key, value });
      let outcome;
      for (let attempt = 1; ; attempt++) {
        outcome = await cluster.ask<{ value?: KvValue }>(address(target, c.actorName), request, { timeoutMs: c.timeoutMs });
        if (outcome.status !== 'failed' || outcome.code !== 'not-leader' || attempt >= c.leaderTries) break;
        const hint = leaderHint(outcome.message);
        target = (hint !== undefined && cluster.nodes.includes(hint as NodeId) ? hint : streams.pick(cluster.nodes)) as NodeId;
      }
      switch (outcome.status) {
        case 'ok':
          summary.ok++;
          if (request.type === 'read') {
            const read = outcome.value.value ?? null;
            lastSeen.set(key, read);
            history.complete(process, 'ok', read);
          } else {
            ackedIds.push(id);
            lastSeen.set(key, request.type === 'write' ? request.value : request.to);
            history.complete(process, 'ok');
          }
          break;
        case 'failed':
          summary.fail++;
          history.complete(process, 'fail');
          break;
        case 'unknown':
          summary.info++;
          history.complete(process, 'info');
          process = nextProcess++;
          target = streams.pick(cluster.nodes) as NodeId;
          break;
      }
    }
  };
  await Promise.all(Array.from({ length: c.processes }, (_, i) => slot(i)));
  return { history, ackedIds, summary, origin };
}
