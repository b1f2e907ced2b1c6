// Runs the Raft KV experiment over many seeds and prints how many were safe.
// Usage: npx tsx packages/raft/scripts/sweep.ts [--seeds 1..500] [--variant correct|correct-chaos|membership|membership-targeted|figure8|local-reads|lease|…] [--seed N]
//   [--bug adopt-at-commit|concurrent-changes|keep-on-truncation|old-quorum|removed-leader-stays]  the membership-targeted run with that rule planted broken
//   [--stop-at-unsafe]  stop at the first unsafe seed (how many seeds it took to catch a planted bug)
//   [--progress]  a line per seed, so a long sweep cut short still says how far it got
import { runRaftExperiment, type RaftExperimentConfig } from '../src/index.ts';
import { MEMBERSHIP_BUGS, type MembershipBug } from '../src/core/membership-bugs.ts';
import { membershipBugConfig, variantConfig, VARIANTS, type Variant } from '../src/experiment/variants.ts';

const args = process.argv.slice(2);
const opt = (name: string) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const bug = opt('bug') as MembershipBug | undefined;
if (bug !== undefined && !(MEMBERSHIP_BUGS as readonly string[]).includes(bug)) { console.error(`--bug must be one of ${MEMBERSHIP_BUGS.join(', ')}`); process.exit(64); }
const variant = (opt('variant') ?? (bug !== undefined ? 'membership-targeted' : 'correct')) as Variant;
if (!VARIANTS.includes(variant)) { console.error(`--variant must be one of ${VARIANTS.join(', ')}`); process.exit(64); }
if (bug !== undefined && variant !== 'membership-targeted') { console.error('--bug goes with --variant membership-targeted'); process.exit(64); }
const stopAtUnsafe = args.includes('--stop-at-unsafe');
const progress = args.includes('--progress');
const single = opt('seed');
const [from, to] = single !== undefined ? [Number(single), Number(single)] : (opt('seeds') ?? '1..500').split('..').map(Number) as [number, number];
if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || to < from) { console.error('--seeds must look like 1..500'); process.exit(64); }
const name = bug === undefined ? `variant ${variant}` : `variant ${variant} with ${bug}`;
const replayOf = (seed: number) => `npx tsx packages/raft/scripts/sweep.ts --variant ${variant}${bug === undefined ? '' : ` --bug ${bug}`} --seed ${seed}`;
let safe = 0;
let ran = 0;
const started = Date.now();
for (let seed = from; seed <= to; seed++) {
  const config: RaftExperimentConfig = bug === undefined ? variantConfig(variant, seed) : membershipBugConfig(bug, seed);
  const r = await runRaftExperiment(config);
  ran++;
  if (r.safe) safe++;
  else console.log(`seed ${seed} UNSAFE: ${r.linearizability.verdict}, lost ${r.lostWrites.length}, divergent ${r.divergent.join(',') || '-'}, ${r.leaderConflicts[0] ?? r.invariantViolations[0] ?? ''}\n  replay: ${replayOf(seed)}`);
  if (single !== undefined) console.log(`seed ${seed}: ${r.linearizability.verdict}; ok ${r.summary.ok} fail ${r.summary.fail} info ${r.summary.info}; elections ${r.elections}\n${r.linearizability.explanation.slice(0, 2000)}`);
  if (progress) console.log(`seed ${seed}: ${r.safe ? 'safe' : 'UNSAFE'} (${safe}/${ran} safe so far)`);
  if (stopAtUnsafe && !r.safe) break;
}
console.log(`${name}: ${safe}/${ran} seeds safe (${((100 * safe) / ran).toFixed(1)} %) of ${from}..${from + ran - 1}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
