/**
 * `cli-start`: how long each faultline command takes to print its help (and `demo --list`), through
 * the bin users run (packages/demos/bin/faultline.cjs: dist/ when fresh, the check bundle for
 * `check`), against `node -e 0`, interleaved, medians of the runs. Issue 27 item 5 asks ≤ 300 ms
 * for every command; the ratio is the figure to compare across machines (wall time on a shared
 * machine moves with its load, the ratio much less).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median } from './median.ts';
import type { BenchResult } from './result.ts';

/** Start-up target of issue 27 item 5, for every command's help and `demo --list`. */
export const CLI_START_TARGET_MS = 300;

/**
 * The command lines timed: the top-level help, the demo list and helps, and every command's
 * `--help` (the commands of `faultline --help`, demos/src/cli/command-usage.ts).
 */
export const CLI_START_COMMANDS: readonly (readonly string[])[] = [
  ['--help'], ['demo', '--list'], ['demo', '--help'], ['demo', 'cp-vs-ap', '--help'], ['demo', 'raft', '--help'],
  ...['check', 'report', 'diagram', 'node', 'new', 'test', 'explore', 'exercise', 'replay', 'maelstrom'].map((c) => [c, '--help']),
];

/** Sizes of one cli-start run. */
export interface CliStartOptions {
  /** Runs of each command (and of the baseline beside it); the medians are reported. */
  readonly runs?: number;
  readonly commands?: readonly (readonly string[])[];
}

/**
 * True when the demos' and core's dist/ (all a help loads) were built after their src/ last changed,
 * as the bin judges it: otherwise the bin runs the sources through tsx and the rows time that.
 */
function helpPathBuilt(): boolean {
  return ['demos', 'core'].every((pkg) => {
    const dir = fileURLToPath(new URL(`../../${pkg}/`, import.meta.url));
    const info = `${dir}dist/.tsbuildinfo`;
    if (!existsSync(info)) return false;
    const built = statSync(info).mtimeMs;
    return readdirSync(`${dir}src`, { recursive: true }).every((f) => statSync(`${dir}src/${f}`).mtimeMs <= built);
  });
}

/** Milliseconds one `node ARGS` takes to exit; throws unless it exits 0 having printed something. */
function timeNode(args: readonly string[]): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (r.status !== 0 || (args[0] !== '-e' && r.stdout.trim() === '')) {
    throw new Error(`cli-start: node ${args.join(' ')} exited ${r.status}${r.stderr ? `: ${r.stderr.slice(0, 400)}` : ''}`);
  }
  return ms;
}

/** One row per command line: its median start against the median `node -e 0` of the same runs. */
export async function cliStartBenches(options: CliStartOptions = {}): Promise<BenchResult[]> {
  const runs = options.runs ?? 9;
  const bin = fileURLToPath(new URL('../../demos/bin/faultline.cjs', import.meta.url));
  const built = helpPathBuilt();
  const results: BenchResult[] = [];
  timeNode(['-e', '0']); // warm the file system cache for both sides
  for (const command of options.commands ?? CLI_START_COMMANDS) {
    timeNode([bin, ...command]);
    const values: number[] = [];
    const bares: number[] = [];
    for (let i = 0; i < runs; i++) {
      values.push(timeNode([bin, ...command]));
      bares.push(timeNode(['-e', '0']));
    }
    const value = median(values);
    const baseline = median(bares);
    results.push({
      name: `cli-start[${command.join(' ')}]`, value, unit: 'ms', baseline, baselineName: 'node -e 0', ratio: value / baseline,
      target: `<= ${CLI_START_TARGET_MS} ms${built ? '' : ' (dist/ missing or stale, so the bin ran the sources through tsx: run pnpm build)'}`,
      met: built && value <= CLI_START_TARGET_MS,
    });
  }
  return results;
}
