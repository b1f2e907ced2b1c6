import { address, sample, dist, type Rng, type NodeId } from '@faultline/core';
import type { Cluster } from '@faultline/runtime';
import type { ReadReply, RegisterRequest } from '../protocol.ts';
import { HistoryRecorder } from './history-recorder.ts';
import { workloadConfig, type WorkloadConfig } from './workload-config.ts';

/** Counts of how operations ended. */
export interface WorkloadSummary {
  readonly ok: number;
  readonly fail: number;
  readonly info: number;
  /** Per node the client talked to: how its operations ended. */
  readonly byNode: Record<string, { ok: number; fail: number; info: number }>;
}

/** An acknowledged write and the replica's reply to it (the AP register's carries a causal context). */
export interface AckedWriteReply {
  readonly key: string;
  readonly value: number;
  readonly reply: unknown;
}

/** What a workload run produced. */
export interface WorkloadResult {
  readonly history: HistoryRecorder;
  readonly summary: WorkloadSummary;
  readonly ackedWrites: readonly AckedWriteReply[];
  /** The node each process talked to (processes are renumbered after an unknown outcome). */
  readonly nodeOfProcess: ReadonlyMap<number, NodeId>;
  /** The cluster's true time (`cluster.now()`) at the history's time 0. */
  readonly origin: number;
}

/**
 * Runs Jepsen-style clients from the driver against the register replicas: each process issues
 * one operation at a time to its node; a timeout is recorded as `info`, after which that process
 * retires and a fresh process id takes its slot (its operation may still be in flight).
 * Write values are unique per key so the checker can tell writes apart.
 */
export async function runWorkload(cluster: Cluster, rng: Rng, partial: Partial<WorkloadConfig> = {},
  targetOf: (slot: number) => NodeId = (slot) => cluster.nodes[slot % cluster.nodes.length] as NodeId): Promise<WorkloadResult> {
  const config = workloadConfig(partial);
  // Times in the history count from the workload's start, as Jepsen's do from the test's start.
  const origin = cluster.now();
  const history = new HistoryRecorder(() => cluster.now() - origin);
  const byNode: Record<string, { ok: number; fail: number; info: number }> = {};
  const deadline = origin + config.durationMs;
  let nextProcess = config.processes;
  let nextValue = 1;
  const ackedWrites: AckedWriteReply[] = [];
  const nodeOfProcess = new Map<number, NodeId>();

  const slot = async (index: number): Promise<void> => {
    const streams = rng.derive(`slot:${index}`);
    let process = index;
    const node = targetOf(index);
    const tally = (byNode[node] ??= { ok: 0, fail: 0, info: 0 });
    for (;;) {
      await cluster.sleep(sample(dist.exponential(config.meanThinkMs), streams));
      if (cluster.now() >= deadline) return;
      const key = streams.pick(config.keys);
      const isRead = streams.chance(config.readFraction);
      const request: RegisterRequest = isRead ? { type: 'read', key } : { type: 'write', key, value: nextValue++ };
      nodeOfProcess.set(process, node);
      const outcome = await history.record(
        process,
        { f: request.type, key, value: request.type === 'write' ? request.value : null },
        () => cluster.ask<ReadReply>(address(node, config.actorName), request, { timeoutMs: config.timeoutMs }),
        (reply) => (request.type === 'read' ? reply.value : request.value),
      );
      switch (outcome.status) {
        case 'ok':
          if (request.type === 'write') ackedWrites.push({ key, value: request.value as number, reply: outcome.value });
          tally.ok++;
          break;
        case 'failed':
          tally.fail++;
          break;
        case 'unknown':
          tally.info++;
          process = nextProcess++;
          break;
      }
    }
  };
  await Promise.all(Array.from({ length: config.processes }, (_, i) => slot(i)));
  const sum = (k: 'ok' | 'fail' | 'info') => Object.values(byNode).reduce((n, t) => n + t[k], 0);
  return { history, summary: { ok: sum('ok'), fail: sum('fail'), info: sum('info'), byNode }, ackedWrites, nodeOfProcess, origin };
}
