import { describe, expect, it } from 'vitest';
import { membershipBugConfig, runRaftExperiment, variantConfig, type RaftExperimentResult } from '../src/index.ts';
import type { MembershipBug } from '../src/core/membership-bugs.ts';

// The targeted membership nemesis (`membership-nemesis.ts`) catches planted membership bugs in random runs,
// where the chaos nemesis caught none in 20 seeds: each seed below is the first of 1, 2, 3 … that catches its
// bug (`npx tsx packages/raft/scripts/sweep.ts --bug <bug> --seeds 1..60 --stop-at-unsafe`), and the same seed
// with every rule kept is safe. keep-on-truncation is caught only by its scripted schedule (membership-bugs.test.ts).

const FIRST_CATCHING_SEED: Partial<Record<MembershipBug, number>> = {
  'concurrent-changes': 17,
  'adopt-at-commit': 53,
  'old-quorum': 16,
  'removed-leader-stays': 15,
};

const why = (r: RaftExperimentResult) => `${r.linearizability.verdict}, lost ${r.lostWrites.length}, divergent ${r.divergent.join(',') || '-'}, ${r.leaderConflicts[0] ?? r.invariantViolations[0] ?? ''}`;

describe('the targeted membership nemesis', () => {
  for (const [bug, seed] of Object.entries(FIRST_CATCHING_SEED)) {
    it(`catches planted ${bug} in seed ${seed}, which is safe with the rules kept`, async () => {
      const broken = await runRaftExperiment(membershipBugConfig(bug as MembershipBug, seed));
      expect(broken.safe, `replay: npx tsx packages/raft/scripts/sweep.ts --bug ${bug} --seed ${seed}`).toBe(false);
      const kept = await runRaftExperiment(variantConfig('membership-targeted', seed));
      expect(kept.safe, why(kept)).toBe(true);
      // The run did what it claims: changes committed under the nemesis' faults.
      expect(kept.membershipLog.filter((e) => e.outcome.startsWith('ok')).length).toBeGreaterThan(1);
      expect(kept.chaosLog.length).toBeGreaterThan(5);
    }, 120_000);
  }
});
