import { runLeaseTrial } from '@faultline/raft';

const SLOW = [0, 10, 20, 30, 40, 50];
const MARGINS = [10, 50];

/** Lease reads against a slow leader clock: stale reads by drift and configured margin. */
export async function leaseScene(seed: number, seeds: number, out: (line: string) => void): Promise<void> {
  out('Lease reads (thesis §6.4.1): the leader serves reads alone until (last round a majority answered) + 150 ms − margin,');
  out('on its own clock. Here its clock runs slow by d, then it is cut off; a writer keeps writing on the majority side.');
  out(`Stale reads at the cut-off leader (reads returning a value older than an acknowledged write), ${seeds} seeds per cell:`);
  let caught: { seed: number; margin: number; d: number } | undefined;
  out(`  margin  ${SLOW.map((d) => `d = ${d} %`.padStart(11)).join('')}   margin / min`);
  for (const margin of MARGINS) {
    const cells: string[] = [];
    for (const d of SLOW) {
      let stale = 0, reads = 0, bad = 0;
      let first: number | undefined;
      for (let s = seed; s < seed + seeds; s++) {
        const r = await runLeaseTrial({ seed: s, slowPercent: d, marginMs: margin });
        stale += r.staleReads; reads += r.reads;
        if (r.verdict !== 'linearizable') { bad++; first ??= s; }
      }
      if (first !== undefined && caught === undefined) caught = { seed: first, margin, d };
      cells.push(`${stale}/${reads}${bad > 0 ? '*' : ''}`.padStart(11));
    }
    out(`  ${`${margin} ms`.padEnd(7)} ${cells.join('')}   ${((100 * margin) / 150).toFixed(1)} %`);
  }
  out('  (* some seed not linearizable under the cas-register checker)');
  if (caught !== undefined) {
    out(`  first caught: margin ${caught.margin} ms, leader clock ${caught.d} % slow, trial seed ${caught.seed} (the scene's seeds are ${seed}–${seed + seeds - 1})`);
    out(`  replay: pnpm faultline demo raft --scene lease --seed ${seed}`);
  }
  out('A lease is safe while the drift stays inside the margin — and a little past it, since the new leader needs a');
  out('timeout to be elected — and unsafe beyond. ReadIndex, the default, pays one round trip and does not depend on clocks.\n');
}
