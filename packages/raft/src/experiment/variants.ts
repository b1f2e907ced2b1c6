import type { MembershipBug } from '../core/membership-bugs.ts';
import { DEFAULT_MEMBERSHIP_PLAN } from './membership-driver.ts';
import type { RaftExperimentConfig } from './run-raft-experiment.ts';

/** The store as built, and each planted bug with the setting that exposes it. */
export type Variant = 'correct' | 'correct-chaos' | 'correct-transfers' | 'membership' | 'membership-targeted' | 'figure8' | 'figure8-correct' | 'local-reads' | 'lease';

export const VARIANTS: readonly Variant[] = ['correct', 'correct-chaos', 'correct-transfers', 'membership', 'membership-targeted', 'figure8', 'figure8-correct', 'local-reads', 'lease'];

/** Clients that give up sooner, so they spread over the nodes while leaders change. */
const FAST_CLIENTS = { timeoutMs: 300 } as const;

/** Clocks 40 % slow on odd nodes: far past any lease margin. */
const SLOW_ODD_CLOCKS = { n1: { offsetMs: 0, driftPpm: -400_000 }, n3: { offsetMs: 0, driftPpm: -400_000 }, n5: { offsetMs: 0, driftPpm: -400_000 } };

/**
 * An experiment per variant: `correct` under the transport's random nemesis (partitions incl.
 * one-way, kills with restart, pauses, link faults, clock faults), the others under the chaos
 * nemesis, whose faults overlap (`chaos.ts`):
 * - correct: ReadIndex reads, the §5.4.2 commit rule — must be safe in every seed; `correct-chaos` the same under overlapping faults,
 *   `correct-transfers` with leadership transfers to random nodes among them; `membership` with servers added and removed one at a
 *   time among them and 2 % of messages lost (3 → 5 → 3 …, the leader removed now and then; odd seeds also compact every 20 entries, so new servers get snapshots);
 *   `membership-targeted` the same changes under the targeted membership nemesis alone (`membership-nemesis.ts`: faults struck while a
 *   change is uncommitted), 5 s of clients — the run {@link membershipBugConfig} plants each membership bug in;
 * - figure8: `unsafeCommitOldTerms` (Raft Figure 8) under the Figure 8 nemesis (6.5840's schedule, `figure8-nemesis.ts`), as the
 *   paper's leader: no no-op on election, no pre-vote or CheckQuorum, one entry per append; `figure8-correct` the same with the §5.4.2 rule;
 * - local-reads: `unsafeLeaderLocalReads` (a deposed leader answers from its own state), without
 *   CheckQuorum, so an isolated leader keeps believing it leads until it hears of a newer term;
 * - lease: lease reads with a 10 ms margin while n1, n3, n5 run 40 % slow: a slow leader's lease
 *   (150 − 10 ms on its clock) lasts 233 ms of true time, past the followers' 150 ms.
 */
export function variantConfig(variant: Variant, seed: number): RaftExperimentConfig {
  switch (variant) {
    case 'correct':
      return { seed };
    case 'correct-chaos':
      return { seed, nemesis: 'chaos', workload: FAST_CLIENTS };
    case 'correct-transfers':
      return { seed, nemesis: 'chaos-transfers', workload: FAST_CLIENTS };
    case 'membership':
      return { seed, nemesis: 'chaos', workload: FAST_CLIENTS, membership: DEFAULT_MEMBERSHIP_PLAN, loss: 0.02, ...(seed % 2 === 1 ? { kv: { snapshotEvery: 20, snapshotKeepsIds: true } } : {}) };
    case 'membership-targeted':
      return { seed, nemesis: 'membership', workload: { ...FAST_CLIENTS, durationMs: 5_000 }, settleMs: 2_000, ...(seed % 2 === 1 ? { kv: { snapshotEvery: 20, snapshotKeepsIds: true } } : {}) };
    case 'figure8':
    case 'figure8-correct':
      return { seed, nemesis: 'figure8', kv: { config: { unsafeCommitOldTerms: variant === 'figure8', leaderNoop: false, maxEntriesPerAppend: 1, preVote: false, checkQuorum: false } } };
    case 'local-reads':
      return { seed, nemesis: 'chaos', workload: FAST_CLIENTS, kv: { unsafeLeaderLocalReads: true, config: { checkQuorum: false } } };
    case 'lease':
      return { seed, nemesis: 'chaos', workload: FAST_CLIENTS, clocks: SLOW_ODD_CLOCKS, kv: { reads: 'lease', config: { leaseMarginMs: 10 } } };
    default: {
      const never: never = variant;
      throw new Error(`unknown variant ${String(never)}`);
    }
  }
}

/** The `membership-targeted` run with one membership rule planted broken (`membership-bugs.ts`). */
export function membershipBugConfig(bug: MembershipBug, seed: number): RaftExperimentConfig {
  const base = variantConfig('membership-targeted', seed);
  return { ...base, kv: { ...base.kv, config: { unsafeMembership: bug } } };
}
