import { address, vcCompare, type VectorClock } from '@faultline/core';
import type { Cluster } from '@faultline/runtime';
import { REGISTER_ACTOR, type RegisterValue } from '../protocol.ts';
import type { ApDump } from './ap-register.ts';
import { sameVersion, valuesOf, type Version } from './versions.ts';

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
  /** Acked writes overwritten by a causally later acked write: fine under any policy. */
  readonly superseded: number;
  /** Acked writes gone without a causally later write: discarded by the conflict policy (LWW does this by design). */
  readonly discarded: readonly AckedWrite[];
}

/** Reads every replica's full state (tools only; protocol code never does this). */
export async function dumpReplicas(cluster: Cluster): Promise<Map<string, Record<string, Version>>> {
  const dumps = new Map<string, Record<string, Version>>();
  for (const node of cluster.nodes) {
    const out = await cluster.ask<Record<string, Version>>(address(node, REGISTER_ACTOR), { type: 'ap-dump' } satisfies ApDump, { timeoutMs: 1000 });
    if (out.status !== 'ok') throw new Error(`could not read replica ${node}: ${out.status}`);
    dumps.set(node, out.value);
  }
  return dumps;
}

/**
 * Judges an AP run after heal and quiescence: do all replicas agree, and did every acknowledged
 * write either survive or get superseded by a causally later one? The rest were discarded by the
 * conflict policy: concurrent writes that last-writer-wins threw away.
 */
export function checkConvergence(dumps: ReadonlyMap<string, Record<string, Version>>, acked: readonly AckedWrite[]): ConvergenceReport {
  const replicas = [...dumps.values()];
  const keys = new Set(replicas.flatMap((d) => Object.keys(d)));
  const divergentKeys: string[] = [];
  const finalValues: Record<string, RegisterValue[]> = {};
  for (const key of keys) {
    const first = replicas[0]?.[key];
    if (!replicas.every((d) => sameVersion(d[key], first))) divergentKeys.push(key);
    finalValues[key] = valuesOf(first);
  }
  let present = 0;
  let superseded = 0;
  const discarded: AckedWrite[] = [];
  for (const w of acked) {
    if ((finalValues[w.key] ?? []).includes(w.value)) present++;
    else if (acked.some((b) => b.key === w.key && vcCompare(w.context, b.context) === 'before')) superseded++;
    else discarded.push(w);
  }
  return { converged: divergentKeys.length === 0, divergentKeys, finalValues, acked: acked.length, present, superseded, discarded };
}
