import { runRaftExperiment } from '@faultline/raft';

/** Partitions (one in four one-way) with and without pre-vote and CheckQuorum: elections and client outcomes. */
export async function asymmetricScene(seed: number, seeds: number, out: (line: string) => void): Promise<void> {
  out('Partitions, one in four one-way (the transport nemesis, partition family only): leader churn with and without');
  out(`pre-vote + CheckQuorum, ${seeds} seeds each, 8 s of clients:`);
  for (const on of [false, true]) {
    let elections = 0, ok = 0, fail = 0, info = 0, unsafe = 0, unavailableMs = 0;
    for (let s = seed; s < seed + seeds; s++) {
      const r = await runRaftExperiment({ seed: s, nemesis: { generate: { families: ['partition'], untilMs: 8000, intervalMs: 500, durationMs: 1500 } }, kv: { config: { preVote: on, checkQuorum: on } } });
      elections += r.elections; ok += r.summary.ok; fail += r.summary.fail; info += r.summary.info; unavailableMs += r.unavailableMs;
      if (!r.safe) unsafe++;
    }
    out(`  ${on ? 'with   ' : 'without'} pre-vote + CheckQuorum: ${elections} elections, ok ${ok}, fail ${fail}, info ${info}; unavailable ${(unavailableMs / 1000).toFixed(1)} s; unsafe seeds ${unsafe}`);
  }
  out('  (unavailable: stretches over 100 ms in which no operation succeeded, summed over the seeds)\n');
}
