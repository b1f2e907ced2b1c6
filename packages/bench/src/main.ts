import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './result.ts';

/** A benchmark group: a module under src/ exporting one async function returning results. */
interface Group {
  readonly name: string;
  readonly module: string;
  readonly fn: string;
}

const GROUPS: readonly Group[] = [
  { name: 'sim', module: './sim-bench.ts', fn: 'simBenches' },
  { name: 'workers', module: './workers-bench.ts', fn: 'workerBenches' },
  { name: 'faults', module: './fault-bench.ts', fn: 'faultBenches' },
  { name: 'membership', module: './membership-bench.ts', fn: 'membershipBenches' },
  { name: 'swim-scale', module: './swim-scale-bench.ts', fn: 'swimScaleBenches' },
  { name: 'checker', module: './checker-bench.ts', fn: 'checkerBenches' },
  { name: 'checker-porcupine', module: './checker-porcupine-bench.ts', fn: 'checkerPorcupineBenches' },
  { name: 'checker-parallel', module: './checker-parallel-bench.ts', fn: 'checkerParallelBenches' },
  { name: 'registers', module: './register-bench.ts', fn: 'registerBenches' },
  { name: 'raft', module: './raft-bench.ts', fn: 'raftBenches' },
  { name: 'nats', module: './nats-bench.ts', fn: 'natsBenches' },
  { name: 'report', module: './report-bench.ts', fn: 'reportBenches' },
  { name: 'start', module: './start-bench.ts', fn: 'startBenches' },
  { name: 'cli-start', module: './cli-start-bench.ts', fn: 'cliStartBenches' },
  { name: 'txn', module: './txn-bench.ts', fn: 'txnBenches' },
  { name: 'storage', module: './storage-bench.ts', fn: 'storageBenches' },
  { name: 'maelstrom', module: './maelstrom-bench.ts', fn: 'maelstromBenches' },
  { name: 'seeds', module: './seeds-bench.ts', fn: 'seedBenches' },
  { name: 'explore', module: './explore-bench.ts', fn: 'exploreBenches' },
];

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

/** Usage text: the groups `pnpm bench [group…]` accepts. */
function usage(): string {
  return `usage: pnpm bench [group…]   (no group: run every group, in this order)\ngroups: ${GROUPS.map((g) => g.name).join(', ')}\n`;
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  if (only.includes('--help') || only.includes('-h')) {
    process.stdout.write(usage());
    return;
  }
  const unknown = only.filter((name) => !GROUPS.some((g) => g.name === name));
  if (unknown.length > 0) {
    // A mistyped group must not silently run nothing and overwrite bench-results.json with [].
    process.stderr.write(`bench: unknown group ${unknown.map((u) => JSON.stringify(u)).join(', ')}\n${usage()}`);
    process.exitCode = 64;
    return;
  }
  const results: BenchResult[] = [];
  // Randomness in benchmarks is seeded and fixed, so a figure can be re-measured on the same run.
  process.stdout.write('seeds: fixed — simulator, worker and register runs use seed 1; membership runs seeds 1000 and up (one per row seed count)\n');
  for (const group of GROUPS) {
    if (only.length > 0 && !only.includes(group.name)) continue;
    let run: () => Promise<BenchResult[]>;
    try {
      const mod = (await import(group.module)) as Record<string, () => Promise<BenchResult[]>>;
      const fn = mod[group.fn];
      if (!fn) throw new Error(`${group.module} does not export ${group.fn}`);
      run = fn;
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String(error).includes(group.module.slice(2))) continue;
      throw error;
    }
    process.stdout.write(`running ${group.name} benchmarks…\n`);
    results.push(...(await run()));
  }
  const rows = results.map((r) => [r.name, `${format(r.value)} ${r.unit}`, `${format(r.baseline)} (${r.baselineName})`, r.ratio.toFixed(3), r.target ? `${r.target}: ${r.met ? 'met' : 'NOT met'}` : '']);
  const header = ['benchmark', 'value', 'baseline (same run)', 'ratio', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const r of rows) console.log(line(r));
  const out = fileURLToPath(new URL('../../../bench-results.json', import.meta.url));
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote ${out}`);
}

await main();
