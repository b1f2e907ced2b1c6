// Runs the Raft KV experiment over many seeds and prints how many were safe.
// Usage: npx tsx packages/raft/scripts/sweep.ts [--seeds 1..500] [--variant correct|correct-chaos|membership|figure8|local-reads|lease|…] [--seed N]
import { runRaftExperiment, type RaftExperimentConfig } from '../src/index.ts';
import { variantConfig, VARIANTS, type Variant } from '../src/experiment/variants.ts';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const variant = (opt('variant') ?? 'correct') as Variant;
if (!VARIANTS.includes(variant)) { console.error(`--variant must be one of ${VARIANTS.join(', ')}`); process.exit(64); }
const single = opt('seed');
const [from, to] = single !== undefined ? [Number(single), Number(single)] : (opt('seeds') ?? '1..500').split('..').map(Number) as [number, number];
if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) { console.error('--seeds must look like 1..500'); process.exit(64); }
let safe = 0;
const started = Date.now();
for (let seed = from; seed <= to; seed++) {
  const config: RaftExperimentConfig = variantConfig(variant, seed);
  const r = await runRaftExperiment(config);
  if (r.safe) safe++;
  else console.log(`seed ${seed} UNSAFE: ${r.linearizability.verdict}, lost ${r.lostWrites.length}, divergent ${r.divergent.join(',') || '-'}, ${r.invariantViolations[0] ?? r.leaderConflicts[0] ?? ''}\n  replay: npx tsx packages/raft/scripts/sweep.ts --variant ${variant} --seed ${seed}`);
  if (single !== undefined) console.log(`seed ${seed}: ${r.linearizability.verdict}; ok ${r.summary.ok} fail ${r.summary.fail} info ${r.summary.info}; elections ${r.elections}\n${r.linearizability.explanation.slice(0, 2000)}`);
}
const n = to - from + 1;
console.log(`variant ${variant}: ${safe}/${n} seeds safe (${((100 * safe) / n).toFixed(1)} %), ${((Date.now() - started) / 1000).toFixed(0)} s`);
