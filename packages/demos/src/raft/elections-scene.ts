import { FIGURE16_ROWS, PAPER_FIGURE16, quantile, runFigure16Row } from '@faultline/raft';

/** Figure 16 (top) of the Raft paper: time without a leader after the leader crashes, per timeout range. */
export async function electionsScene(seed: number, trials: number, out: (line: string) => void): Promise<void> {
  out(`Elections (Raft §9.3, Figure 16 top): 5 nodes, one-way latency 5–10 ms (broadcast ≈ 15 ms), heartbeat = min/2,`);
  out(`the leader crashed at a random point of its heartbeat interval; ${trials} trials per row; time from crash to a new leader.`);
  out(`  timeouts    trials  median     p90     p99     max  >10 s   the paper (§9.3)`);
  for (const [i, row] of FIGURE16_ROWS.entries()) {
    const r = await runFigure16Row(row, trials, seed + i);
    const s = [...r.downtimesMs].sort((a, b) => a - b);
    const ms = (q: number) => `${quantile(s, q).toFixed(0)}`.padStart(6);
    const label = `${row.minMs}-${row.maxMs}`;
    out(`  ${label.padEnd(10)} ${String(r.trials).padStart(6)}  ${ms(0.5)}  ${ms(0.9)}  ${ms(0.99)}  ${`${(s.at(-1) ?? NaN).toFixed(0)}`.padStart(6)}  ${String(r.capped).padStart(5)}   ${PAPER_FIGURE16[label] ?? ''}`);
  }
  out('  (ms; each row its own seed, seed + row number)\n');
}
