/**
 * `explore-states` (issue 24): unique states per minute of a single-threaded breadth-first search
 * of a 3-node protocol (the correct stale-replicate twin: writer, primary, backup), against the raw
 * step rate of random walks over the same spec in the same run (a walk applies each choice to the
 * world it has; a stateful search replays each state's path from the start). Target ≥ 100,000
 * unique states/min. The `explore-growth-*` rows show how the searched space grows with nodes
 * (lock workers) and bounds (depth, drops): unique states against the smallest configuration.
 */
import { explore, type ExploreOptions, type ExploreSpec } from '@faultline/explore';
import { freshReleaseSpec, freshReplicateSpec } from '@faultline/explore/planted';
import { result } from './workers-bench.ts';
import type { BenchResult } from './result.ts';

const BUDGET_MS = 30_000;

interface Run { readonly unique: number; readonly visited: number; readonly perMinute: number; readonly seconds: number; readonly exhausted: boolean; readonly ranOut: boolean }

async function search<S>(spec: ExploreSpec<S>, options: ExploreOptions<S>): Promise<Run> {
  const r = await explore(spec, { timeLimitMs: BUDGET_MS, ...options });
  const s = r.stats;
  return { unique: s.uniqueStates, visited: s.statesVisited, perMinute: s.statesPerSecond * 60, seconds: s.elapsedMs / 1000, exhausted: s.exhausted, ranOut: s.budgetRanOut };
}

export async function exploreBenches(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const lines: string[] = ['| configuration | nodes | bound | unique states | visited | time | unique states/min |', '|---|---|---|---|---|---|---|'];
  const line = (name: string, nodes: number, bound: string, r: Run) =>
    lines.push(`| ${name} | ${nodes} | ${bound} | ${r.unique.toLocaleString('en-US')}${r.exhausted ? ' (exhausted)' : r.ranOut ? ' (budget ran out)' : ''} | ${r.visited.toLocaleString('en-US')} | ${r.seconds.toFixed(1)} s | ${Math.round(r.perMinute).toLocaleString('en-US')} |`);

  const replicate = freshReplicateSpec();
  await search(replicate, { maxDepth: 9 }); // warm up
  const tries = [await search(replicate, { maxDepth: 11 }), await search(replicate, { maxDepth: 11 }), await search(replicate, { maxDepth: 11 })];
  const bfs = tries.sort((a, b) => a.perMinute - b.perMinute)[1]!; // the median of three
  const walks = await search(replicate, { strategy: 'random', seed: 1, walks: 100_000, maxDepth: 11, maxStates: bfs.visited });
  line('stale-replicate twin, BFS', 3, 'depth 11', bfs);
  line('stale-replicate twin, random walks (raw steps)', 3, 'depth 11', walks);
  const per = bfs.perMinute;
  out.push(result('explore-states', per, walks.visited / walks.seconds * 60, 'states/min', 'random-walk steps/min, same spec', '≥ 100,000 unique states/min', () => per >= 100_000));

  // Bounds: depth, then one drop allowed.
  const depths = [7, 9, 11];
  const byDepth: Run[] = [];
  for (const d of depths) { const r = await search(replicate, { maxDepth: d }); byDepth.push(r); line('stale-replicate twin, BFS', 3, `depth ${d}`, r); }
  for (let i = 1; i < depths.length; i++) out.push(result(`explore-growth-depth=${depths[i]}`, byDepth[i]!.unique, byDepth[0]!.unique, 'states', `unique states at depth ${depths[0]}`));
  const dropped = await search(replicate, { maxDepth: 9, maxDrops: 1 });
  line('stale-replicate twin, BFS', 3, 'depth 9, 1 drop', dropped);
  out.push(result('explore-growth-drops=1', dropped.unique, byDepth[1]!.unique, 'states', 'unique states at depth 9, no drop'));

  // Nodes: the lock with 2, 3, 4 workers (3, 4, 5 nodes), one round each.
  const byWorkers: Run[] = [];
  for (const w of [2, 3, 4]) { const r = await search(freshReleaseSpec(1, w), { maxDepth: 10 }); byWorkers.push(r); line('stale-release twin, BFS', 1 + w, 'depth 10', r); }
  for (let i = 1; i < byWorkers.length; i++) out.push(result(`explore-growth-nodes=${i + 3}`, byWorkers[i]!.unique, byWorkers[0]!.unique, 'states', 'unique states with 3 nodes'));
  process.stdout.write(`${lines.join('\n')}\n`);
  return out;
}
