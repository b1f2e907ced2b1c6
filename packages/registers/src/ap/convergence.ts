import { address, type VectorClock } from '@faultline/core';
import type { Cluster } from '@faultline/runtime';
import { REGISTER_ACTOR, type RegisterValue } from '../protocol.ts';
import type { ApDump, ApReplicaState } from './ap-register.ts';
import { sameVersion, valuesOf } from './versions.ts';

/** A write the AP register acknowledged, with the causal context its reply carried. */
export interface AckedWrite {
  readonly key: string;
  readonly value: RegisterValue;
  readonly context: VectorClock;
}

/** What happened to acknowledged writes, and whether the replicas agree. */
export interface ConvergenceReport {
  /** Every replica holds the same version of every key. */
  readonly converged: boolean;
  /** Keys on which replicas still disagree. */
  readonly divergentKeys: readonly string[];
  /** The values each key ended with (siblings when more than one). */
  readonly finalValues: Readonly<Record<string, readonly RegisterValue[]>>;
  readonly acked: number;
  /** Acked writes still visible at the end. */
  readonly present: number;
  /** Acked writes replaced by a causally later write: fine under any policy. */
  readonly superseded: number;
  /**
   * Acked writes that last-writer-wins threw away in favour of a write that was concurrent with
   * them (or, with skewed wall clocks, even causally earlier): data loss by design of the policy.
   */
  readonly discarded: readonly AckedWrite[];
}

/** Reads every replica's full state (tools only; protocol code never does this). */
export async function dumpReplicas(cluster: Cluster, actorName = REGISTER_ACTOR): Promise<Map<string, ApReplicaState>> {
  const dumps = new Map<string, ApReplicaState>();
  for (const node of cluster.nodes) {
    const out = await cluster.ask<ApReplicaState>(address(node, actorName), { type: 'ap-dump' } satisfies ApDump, { timeoutMs: 1000 });
    if (out.status !== 'ok') throw new Error(`could not read replica ${node}: ${out.status}`);
    dumps.set(node, out.value);
  }
  return dumps;
}

/**
 * Judges an AP run after heal and quiescence: do all replicas agree, and did every acknowledged
 * write either survive or get replaced by a causally later one? The rest were discarded by the
 * conflict policy, as the replicas that dropped them recorded.
 */
export function checkConvergence(dumps: ReadonlyMap<string, ApReplicaState>, acked: readonly AckedWrite[]): ConvergenceReport {
  const replicas = [...dumps.values()];
  const keys = new Set(replicas.flatMap((d) => Object.keys(d.entries)));
  const divergentKeys: string[] = [];
  const finalValues: Record<string, RegisterValue[]> = {};
  for (const key of keys) {
    const first = replicas[0]?.entries[key];
    if (!replicas.every((d) => sameVersion(d.entries[key], first))) divergentKeys.push(key);
    finalValues[key] = valuesOf(first);
  }
  const dropped = new Set(replicas.flatMap((d) => d.discarded.map((x) => `${x.key}\u0000${String(x.value)}`)));
  let present = 0;
  let superseded = 0;
  const discarded: AckedWrite[] = [];
  for (const w of acked) {
    if ((finalValues[w.key] ?? []).includes(w.value)) present++;
    else if (dropped.has(`${w.key}\u0000${String(w.value)}`)) discarded.push(w);
    else superseded++;
  }
  return { converged: divergentKeys.length === 0, divergentKeys, finalValues, acked: acked.length, present, superseded, discarded };
}
