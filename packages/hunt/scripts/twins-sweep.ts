/**
 * Every correct twin on seeds 1..2,000 (the range the issue gives the broken ones), each twin
 * stopped after a wall-time cap so the sweep fits a loaded machine; prints seeds checked and failures.
 * Run: npx tsx --conditions=@faultline/source packages/hunt/scripts/twins-sweep.ts [capSeconds]
 */
import { runSeed } from '../src/index.ts';
import { CORPUS } from '../src/corpus/index.ts';

const capMs = Number(process.argv[2] ?? 50) * 1000;
for (const entry of CORPUS) {
  const start = performance.now();
  const failed: number[] = [];
  let seed = 1;
  for (; seed <= 2000 && performance.now() - start < capMs; seed++) if ((await runSeed(entry.correct, { seed })).failure) failed.push(seed);
  console.log(`| ${entry.correct.name} | seeds 1..${seed - 1} | ${failed.length === 0 ? 'all pass' : `FAIL: ${failed.slice(0, 10).join(', ')}`} |`);
}
