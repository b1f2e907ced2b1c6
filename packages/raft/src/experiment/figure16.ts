import { createRng, dist } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork } from '@faultline/transport';
import { RaftKv } from '../kv/raft-kv.ts';
import { awaitLeader } from './cluster-status.ts';

/** One row of Raft Figure 16 (top): election timeouts drawn from [minMs, maxMs]. */
export interface Figure16Row {
  readonly minMs: number;
  readonly maxMs: number;
}

/** The paper's rows (Ongaro & Ousterhout 2014, §9.3, Figure 16 top). */
export const FIGURE16_ROWS: readonly Figure16Row[] = [
  { minMs: 150, maxMs: 150 }, { minMs: 150, maxMs: 151 }, { minMs: 150, maxMs: 155 },
  { minMs: 150, maxMs: 175 }, { minMs: 150, maxMs: 200 }, { minMs: 150, maxMs: 300 },
];

/** What the paper says of each row, to print beside ours (§9.3 text; the figure's curves are not tabulated). */
export const PAPER_FIGURE16: Readonly<Record<string, string>> = {
  '150-150': 'no randomness: consistently > 10 s (many split votes)',
  '150-151': 'a small amount of randomness avoids most split votes',
  '150-155': '5 ms of randomness: median downtime 287 ms',
  '150-175': 'between the 5 ms and 50 ms curves',
  '150-200': '50 ms of randomness: worst case 513 ms over 1,000 trials',
  '150-300': 'the recommended setting; close to the 150-200 curve',
};

/** The measured distribution of time without a leader, ms, in one row. */
export interface Figure16Result extends Figure16Row {
  readonly trials: number;
  readonly downtimesMs: readonly number[];
  /** Trials that found no leader within the cap. */
  readonly capped: number;
  readonly seed: number;
}

/**
 * Raft Figure 16 (top), reproduced in the simulator: five nodes, a broadcast time of about 15 ms
 * (one-way 5–10 ms), heartbeats at half the minimum timeout, the leader crashed at a uniformly
 * random point of its heartbeat interval; the time from the crash to a new leader's election.
 * As in the paper's implementation, no pre-vote and no CheckQuorum. The crashed node restarts
 * and the cluster settles before the next trial.
 */
export async function runFigure16Row(row: Figure16Row, trials: number, seed: number, capMs = 10_000): Promise<Figure16Result> {
  const net = new FaultNetwork({ nodes: 5, baseLatency: dist.uniform(5, 10), fifo: true });
  const sim = new Simulation({ seed, nodes: 5, network: net.attach });
  const rng = createRng(seed).derive('figure16');
  const heartbeatMs = row.minMs / 2;
  const config = { electionTimeoutMinMs: row.minMs, electionTimeoutMaxMs: row.maxMs, heartbeatMs, preVote: false, checkQuorum: false };
  const downtimes: number[] = [];
  let capped = 0;
  let t = 0;
  try {
    // Nodes start a little apart, as real servers do: with 150–150 ms and simultaneous starts no first election would ever end.
    for (const node of sim.nodes) {
      await sim.spawn(node, 'raft', RaftKv, { config });
      await sim.sleep(rng.next() * 50);
    }
    for (; t < trials; t++) {
      await awaitLeader(sim, 'raft', 60_000);
      await sim.sleep(2 * row.maxMs + rng.next() * heartbeatMs); // followers settled; a random point of the heartbeat interval
      const still = await awaitLeader(sim, 'raft', 60_000);
      if (still === undefined) break; // no leader for a minute: the row ends here (reported as fewer trials)
      const crashedAt = sim.now();
      await sim.crash(still.self);
      const next = await awaitLeader(sim, 'raft', capMs, 5);
      if (next === undefined || next.electedAt === undefined) capped++;
      else downtimes.push(next.electedAt - crashedAt);
      await sim.restart(still.self);
    }
  } finally {
    await sim.shutdown();
  }
  return { ...row, trials: t, downtimesMs: downtimes, capped, seed };
}

/** The q-quantile of sorted values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
