import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './result.ts';
import type { SwimScaleChildResult } from './swim-scale-child.ts';

// Issue 27, item 3: SWIM (sim-fast preset) on 100, 300 and 1,000 simulated nodes joined through one
// seed node, 60 virtual seconds each: wall time per virtual minute, simulator events per second, peak
// memory. The growth from row to row is the point.
//
// Each size runs in its own child process (swim-scale-child.ts), so each peak RSS is that size's
// alone and the child can take V8 flags. `--max-semi-space-size=32` (MB; V8's default young
// generation is 16 MB semi-spaces on 64-bit): a 1,000-node run allocates short-lived objects (message
// copies, piggyback arrays, effects) faster than a 16 MB nursery survives them, so scavenges promote
// garbage to the old generation, which then needs mark-compacts; a 32 MB nursery lets it die young.

const SIZES = [100, 300, 1000] as const;
const VIRTUAL_MS = 60_000;
const TARGET_WALL_S = 60;
const TARGET_RSS_MB = 2048;
const CHILD = fileURLToPath(new URL('./swim-scale-child.ts', import.meta.url));
/** V8 flags of every child (see above). */
export const SWIM_SCALE_V8_FLAGS: readonly string[] = ['--max-semi-space-size=32'];

/** Runs one size in a fresh node (same loader flags as this one, plus the V8 flags) and parses its JSON line. */
export function measureSwimScale(n: number, virtualMs = VIRTUAL_MS): Promise<SwimScaleChildResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...process.execArgv, ...SWIM_SCALE_V8_FLAGS, CHILD, String(n), String(virtualMs)], { maxBuffer: 1 << 20, timeout: 1_800_000 }, (err, stdout, stderr) => {
      if (err !== null) return reject(new Error(`swim-scale child for ${n} nodes failed: ${err.message}\n${stderr}`));
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as SwimScaleChildResult);
      } catch {
        reject(new Error(`swim-scale child for ${n} nodes printed no result: ${JSON.stringify(stdout.slice(-500))}`));
      }
    });
  });
}

/** `swim-scale-*[n=…]`: one row each for wall time per virtual minute, events/s and peak RSS, per cluster size. */
export async function swimScaleBenches(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  let smallest: SwimScaleChildResult | undefined;
  process.stdout.write(`swim-scale: one child process per size, V8 flags ${SWIM_SCALE_V8_FLAGS.join(' ')}\n`);
  for (const n of SIZES) {
    const m = await measureSwimScale(n);
    smallest ??= m;
    process.stdout.write(`swim-scale n=${n}: ${(VIRTUAL_MS / 1000)} virtual s in ${m.wallS.toFixed(1)} s wall (${m.cpuS.toFixed(1)} s CPU), ${m.events} events, ${m.delivered} delivered, peak RSS ${m.peakRssMb.toFixed(0)} MB, heap ${m.peakHeapMb.toFixed(0)} MB, converged views ${m.convergedSample}\n`);
    const big = n === 1000;
    const wallPerMin = m.wallS * (60_000 / VIRTUAL_MS);
    results.push({
      name: `swim-scale-wall-per-virtual-min[n=${n}]`, value: wallPerMin, unit: 's', baseline: 60, baselineName: `real time (CPU ${m.cpuS.toFixed(1)} s)`,
      ratio: wallPerMin / 60, ...(big ? { target: `<= ${TARGET_WALL_S} s`, met: wallPerMin <= TARGET_WALL_S } : {}),
    });
    // CPU time of the same run: on the shared machine wall time includes waiting for a core.
    const cpuPerMin = m.cpuS * (60_000 / VIRTUAL_MS);
    results.push({
      name: `swim-scale-cpu-per-virtual-min[n=${n}]`, value: cpuPerMin, unit: 's', baseline: wallPerMin, baselineName: 'wall time of the same run', ratio: cpuPerMin / wallPerMin,
    });
    const rate = m.events / m.wallS;
    const smallRate = smallest.events / smallest.wallS;
    results.push({
      name: `swim-scale-events-per-s[n=${n}]`, value: rate, unit: 'events/s', baseline: smallRate, baselineName: `n=${smallest.n}, same run`, ratio: rate / smallRate,
    });
    results.push({
      name: `swim-scale-peak-rss[n=${n}]`, value: m.peakRssMb, unit: 'MB', baseline: TARGET_RSS_MB, baselineName: '2 GB (issue 27 bound)', ratio: m.peakRssMb / TARGET_RSS_MB,
      ...(big ? { target: `<= ${TARGET_RSS_MB} MB`, met: m.peakRssMb <= TARGET_RSS_MB } : {}),
    });
  }
  return results;
}
