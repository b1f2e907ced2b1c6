/**
 * The planted bugs of chapter 19, both ways (issue 24): N seeds of `faultline test` (swarm faults,
 * one thread; default 10,000) against one breadth-first `explore` run of the same actors, and the
 * correct twins searched to the same depth. Prints a table; slow (minutes), so it is a script:
 *   npx tsx --conditions=@faultline/source packages/bench/src/explore-vs-seeds.ts [SEEDS]
 */
import { fileURLToPath } from 'node:url';
import { hunt } from '@faultline/hunt';
import { explore, type ExploreSpec } from '@faultline/explore';
import { freshReleaseSpec, freshReplicateSpec, staleReleaseSpec, staleReplicateSpec } from '@faultline/explore/planted';

const PLANTED: readonly { file: string; scenario: string; broken: ExploreSpec<unknown>; correct: ExploreSpec<unknown> }[] = [
  { file: 'stale-replicate.ts', scenario: 'stale-replicate/broken', broken: staleReplicateSpec() as ExploreSpec<unknown>, correct: freshReplicateSpec() as ExploreSpec<unknown> },
  { file: 'stale-release.ts', scenario: 'stale-release/broken', broken: staleReleaseSpec() as ExploreSpec<unknown>, correct: freshReleaseSpec() as ExploreSpec<unknown> },
];

const seeds = Number(process.argv[2] ?? 10_000);
if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`seeds must be a whole number ≥ 1, got ${process.argv[2]}`);
const rows: string[][] = [['protocol', 'seeds run', 'failed', 'seed time', 'explore states (unique)', 'depth of find', 'explore time', 'twin: states to that depth, violations']];
for (const p of PLANTED) {
  const file = fileURLToPath(new URL(`../../explore/test/planted/${p.file}`, import.meta.url));
  process.stdout.write(`${p.scenario}: ${seeds} seeds (seeds 1..${seeds}, swarm faults, 1 thread)…\n`);
  const h = await hunt({ file, scenario: p.scenario, seeds: { from: 1, to: seeds }, workers: 1 });
  process.stdout.write(`  ${h.checked} seeds, ${h.failures.length} failed, ${(h.elapsedMs / 1000).toFixed(1)} s\n`);
  const found = await explore(p.broken, { strategy: 'bfs', maxDepth: 20 });
  const depth = found.violation?.choices.length;
  const twin = await explore(p.correct, { strategy: 'bfs', maxDepth: depth ?? 12 });
  rows.push([
    p.scenario.replace('/broken', ''), String(h.checked), String(h.failures.length), `${(h.elapsedMs / 1000).toFixed(1)} s`,
    `${found.stats.statesVisited} (${found.stats.uniqueStates})`, depth === undefined ? 'not found' : `${depth} steps`, `${(found.stats.elapsedMs / 1000).toFixed(1)} s`,
    `${twin.stats.uniqueStates} unique in ${(twin.stats.elapsedMs / 1000).toFixed(1)} s, ${twin.violation ? 'VIOLATED' : 'none'}${twin.stats.budgetRanOut ? ' (budget ran out)' : ''}`,
  ]);
  if (found.violation) process.stdout.write(`${found.violation.trace.map((l) => `    ${l}`).join('\n')}\n`);
}
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
