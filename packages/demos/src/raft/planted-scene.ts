import { runRaftExperiment, variantConfig, type RaftExperimentResult, type Variant } from '@faultline/raft';

/** What a planted-bug scene reports: the first seed that caught the variant, and the correct store on that seed. */
export interface Caught {
  readonly seed: number;
  readonly bad: RaftExperimentResult;
  readonly good: RaftExperimentResult;
}

/** Runs `variant` from `seed` on until one run is unsafe (at most `tries`), then the correct store with the same seed and faults. */
export async function hunt(variant: Variant, correct: Variant, seed: number, tries: number): Promise<Caught | undefined> {
  for (let s = seed; s < seed + tries; s++) {
    const bad = await runRaftExperiment(variantConfig(variant, s));
    if (!bad.safe) return { seed: s, bad, good: await runRaftExperiment({ ...variantConfig(correct, s), ...sameFaults(variant, s) }) };
  }
  return undefined;
}

/** The variant's setting minus its planted flag: the same nemesis, clocks and clients. */
function sameFaults(variant: Variant, seed: number) {
  const c = variantConfig(variant, seed);
  const config = { ...(c.kv?.config ?? {}) } as Record<string, unknown>;
  delete config['unsafeCommitOldTerms'];
  return { ...c, kv: { ...c.kv, config, reads: c.kv?.reads === 'lease' ? ('read-index' as const) : c.kv?.reads ?? 'read-index', unsafeLeaderLocalReads: false } };
}

/** One line per verdict of a run. */
export function verdictLine(r: RaftExperimentResult): string {
  return `${r.linearizability.verdict}; acknowledged writes lost ${r.lostWrites.length}; nodes diverged ${r.divergent.length}; ok ${r.summary.ok} fail ${r.summary.fail} info ${r.summary.info}; elections ${r.elections}; unavailable ${(r.unavailableMs / 1000).toFixed(1)} s`;
}
