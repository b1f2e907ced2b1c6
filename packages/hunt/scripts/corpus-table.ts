/**
 * The closing note's table (issue 23): per corpus entry, seeds to the first failure, shrink time,
 * fault steps and operations before and after shrinking, and whether the correct twin passes the
 * same seeds. Run: npx tsx --conditions=@faultline/source packages/hunt/scripts/corpus-table.ts [entry…]
 */
import { runSeed, shrink, type SeedResult } from '../src/index.ts';
import { CORPUS } from '../src/corpus/index.ts';

const MAX_SEEDS = 2000;
const only = process.argv.slice(2);
const median = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return s.length === 0 ? NaN : (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2; };
const rows: string[] = [];
const faultsAfter: number[] = [];
const opsShare: number[] = [];
for (const entry of CORPUS) {
  if (only.length > 0 && !only.includes(entry.name)) continue;
  let failing: SeedResult | undefined;
  let seed = 1;
  for (; seed <= MAX_SEEDS; seed++) {
    const r = await runSeed(entry.broken, { seed });
    if (r.failure) { failing = r; break; }
  }
  if (!failing) { rows.push(`| ${entry.name} | not found in ${MAX_SEEDS} | | | | |`); continue; }
  const s = await shrink(entry.broken, failing);
  // The twin runs the seeds the broken protocol was checked on, and the capsule's run.
  let twinFailures = 0;
  for (let t = 1; t <= seed; t++) if ((await runSeed(entry.correct, { seed: t })).failure) twinFailures++;
  const capsuleOnTwin = await runSeed(entry.correct, { seed: s.shrunk.seed, plan: s.shrunk.plan, bounds: s.shrunk.bounds, buggify: s.buggify, mix: s.shrunk.mix });
  const share = s.shrunk.operations / failing.operations;
  faultsAfter.push(s.shrunk.faultsRun);
  opsShare.push(share);
  const row = `| ${entry.name} | ${seed} | ${(s.elapsedMs / 1000).toFixed(1)} s (${s.runs} runs) | ${failing.faultsRun} → ${s.shrunk.faultsRun} | ${failing.operations} → ${s.shrunk.operations} (${(share * 100).toFixed(0)} %) | seed ${failing.seed}→${s.shrunk.seed}, clients ${failing.bounds.clients}→${s.shrunk.bounds.clients}, buggify ${s.buggify ? 'on' : 'off'} | ${twinFailures === 0 ? `passes 1..${seed}` : `${twinFailures} FAIL`}, capsule ${capsuleOnTwin.failure ? 'FAILS' : 'passes'} |`;
  rows.push(row);
  console.log(row);
}
console.log('\n| entry | seeds to first failure | shrink time | fault steps | operations | shrunk run | correct twin |\n|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`median fault steps after: ${median(faultsAfter)}, median operations share: ${(median(opsShare) * 100).toFixed(0)} %`);
