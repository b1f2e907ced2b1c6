import { address, type NodeId, type Rng } from '@faultline/core';
import type { Cluster } from '@faultline/runtime';
import { currentLeader } from './cluster-status.ts';

/** How the cluster's membership is changed during a run (thesis §4.1: one server at a time). */
export interface MembershipPlan {
  /** The first this many nodes are the initial voters; the others start as servers to be added (`joining`). */
  readonly initialVoters: number;
  /** The driver grows the configuration to `maxVoters`, shrinks it to `minVoters`, and again, until the workload ends (never, when max ≤ min). */
  readonly minVoters: number;
  readonly maxVoters: number;
  /** Gap between attempts, drawn from [min, max] ms. */
  readonly gapMs: readonly [number, number];
  /** Chance that a removal picks the leader itself (thesis §4.2.2), else a random voter. */
  readonly removeLeaderChance: number;
  /** Requests in flight at once (the driver does not wait for an answer before the next gap); beyond it, it waits. Over 1, a second change meets one uncommitted. */
  readonly maxInFlight: number;
  /** Chance that the next request follows at once, without a gap: it meets the previous change uncommitted (refused `change-in-progress`). */
  readonly burstChance: number;
}

/** Grow 3 → 5 and shrink back, a change every 150–400 ms, two requests in flight at most, three in ten at once after the previous; the leader is removed one time in three. */
export const DEFAULT_MEMBERSHIP_PLAN: MembershipPlan = { initialVoters: 3, minVoters: 3, maxVoters: 5, gapMs: [150, 400], removeLeaderChance: 1 / 3, maxInFlight: 2, burstChance: 0.3 };

/** One change the driver asked for, and how it ended (ok with the voters after it, a refusal's code, or unknown). */
export interface MembershipLogEntry {
  readonly at: number;
  readonly change: string;
  readonly outcome: string;
}

/**
 * Asks the current leader (through `actor`) for changes: an add while the configuration is below
 * `maxVoters` on the way up, a removal on the way down, at random gaps, without waiting for the previous
 * answer (at most `maxInFlight` at once), so some meet a change still uncommitted. A change refused
 * (`change-in-progress`, `not-ready`, `not-leader`) or unknown (timeout) is simply tried again later,
 * as an operator would. Seeded: the same seed, the same attempts.
 */
export async function runMembershipDriver(cluster: Cluster, rng: Rng, actor: string, plan: MembershipPlan, untilMs: number): Promise<MembershipLogEntry[]> {
  const log: MembershipLogEntry[] = [];
  if (plan.maxVoters <= plan.minVoters) return log; // a fixed configuration (spare servers never added): nothing to do
  const start = cluster.now();
  let growing = true;
  const inFlight = new Set<Promise<void>>();
  while (cluster.now() - start < untilMs) {
    const gap = plan.gapMs[0] + rng.next() * (plan.gapMs[1] - plan.gapMs[0]);
    if (!rng.chance(plan.burstChance)) await cluster.sleep(gap);
    if (inFlight.size >= plan.maxInFlight) await Promise.race(inFlight);
    const leader = await currentLeader(cluster, actor);
    if (leader === undefined) continue;
    const voters = leader.voters;
    if (voters.length >= plan.maxVoters) growing = false;
    if (voters.length <= plan.minVoters) growing = true;
    const outside = cluster.nodes.filter((n) => !voters.includes(n));
    let kind: 'add' | 'remove';
    let node: NodeId;
    if (growing && outside.length > 0) {
      kind = 'add';
      node = rng.pick(outside);
    } else {
      kind = 'remove';
      node = rng.chance(plan.removeLeaderChance) ? leader.self : rng.pick(voters);
    }
    const at = cluster.now() - start;
    const asked: Promise<void> = cluster.ask<{ voters: string[] }>(address(leader.self, actor), { type: kind === 'add' ? 'raft-add-server' : 'raft-remove-server', node }, { timeoutMs: 1000 }).then((r) => {
      const outcome = r.status === 'ok' ? `ok ${r.value.voters.join(',')}` : r.status === 'failed' ? `failed ${r.code}` : 'unknown';
      log.push({ at, change: `${kind} ${node} (at ${leader.self})`, outcome });
      inFlight.delete(asked);
    });
    inFlight.add(asked);
  }
  await Promise.all(inFlight);
  return log.sort((a, b) => a.at - b.at);
}
