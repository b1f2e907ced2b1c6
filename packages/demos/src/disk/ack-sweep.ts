import { createRng, dist, type Distribution } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { AckStore, type AckPolicy } from './store.ts';

/** How long one fsync takes in the lesson: a datacenter SSD's 0.5–2 ms, drawn per flush from the seed. */
export const LESSON_SYNC_LATENCY: Distribution = dist.uniform(0.5, 2);

/** One seed's run: writes the client saw acknowledged, how many of them the store lost to the crash, and what they cost. */
export interface AckRun {
  readonly seed: number;
  readonly acked: number;
  readonly lost: number;
  readonly syncs: number;
  /** Virtual ms from sending a put to its ack, summed over acked puts. */
  readonly ackMs: number;
  /** Virtual ms the client ran before the crash. */
  readonly runMs: number;
}

/** Totals over seeds for one policy. */
export interface AckSweep {
  readonly policy: AckPolicy;
  /** Clients putting at once (more than one: their syncs share flushes, group commit). */
  readonly clients: number;
  readonly seeds: number;
  /** Seeds where at least one acknowledged write was gone after the restart. */
  readonly seedsWithLoss: number;
  readonly acked: number;
  readonly lost: number;
  /** Fsyncs per acknowledged write: the price of syncing first. */
  readonly syncsPerAck: number;
  /** Mean virtual ms from a put to its ack. */
  readonly meanAckMs: number;
  /** Acked puts per virtual second (one client, one put at a time). */
  readonly acksPerSecond: number;
}

/**
 * One seed: each client puts keys one after another to a store on n2 under the disk model; n2 crashes
 * at a seeded instant, restarts, and the client reads what the store kept. An acknowledged key that
 * is missing is an acked-but-lost write.
 */
export async function runAckSeed(seed: number, policy: AckPolicy, syncEveryMs = 50, clients = 1): Promise<AckRun> {
  const sim = new Simulation({ seed, nodes: 2, disk: { onCrash: 'random-prefix', syncLatencyMs: LESSON_SYNC_LATENCY } });
  const crashAtMs = 20 + createRng(seed).int(200);
  const store = await sim.spawn('n2', 'store', AckStore, { policy, syncEveryMs });
  const acked: string[] = [];
  let crashed = false;
  let ackMs = 0;
  const started = sim.now();
  const client = async (c: number): Promise<void> => {
    for (let i = 0; !crashed; i++) {
      const key = clients === 1 ? String(i) : `${c}.${i}`;
      const sent = sim.now();
      const outcome = await sim.ask(store, { type: 'put', key }, { timeoutMs: 20 });
      if (outcome.status === 'ok') {
        acked.push(key);
        ackMs += sim.now() - sent;
      } else await sim.sleep(5);
    }
  };
  const running = Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  await sim.sleep(crashAtMs);
  const runMs = sim.now() - started;
  await sim.crash('n2');
  const syncs = sim.disk('n2')?.stats().syncs ?? 0;
  crashed = true;
  await running;
  await sim.restart('n2');
  const read = await sim.ask(store, { type: 'read' }, { timeoutMs: 100 });
  if (read.status !== 'ok') throw new Error(`seed ${seed}: the restarted store did not answer the read (${read.status})`);
  const kept = new Set(read.value as string[]);
  return { seed, acked: acked.length, lost: acked.filter((k) => !kept.has(k)).length, syncs, ackMs, runMs };
}

/** Runs `seeds` consecutive seeds from `firstSeed` under one policy, with `clients` putting concurrently. */
export async function sweepAckPolicy(policy: AckPolicy, seeds: number, firstSeed = 1, clients = 1): Promise<AckSweep> {
  let acked = 0, lost = 0, syncs = 0, seedsWithLoss = 0, ackMs = 0, runMs = 0;
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const run = await runAckSeed(seed, policy, 50, clients);
    acked += run.acked;
    lost += run.lost;
    syncs += run.syncs;
    ackMs += run.ackMs;
    runMs += run.runMs;
    if (run.lost > 0) seedsWithLoss++;
  }
  return {
    policy, clients, seeds, seedsWithLoss, acked, lost,
    syncsPerAck: acked === 0 ? 0 : syncs / acked,
    meanAckMs: acked === 0 ? 0 : ackMs / acked,
    acksPerSecond: runMs === 0 ? 0 : acked / (runMs / 1000),
  };
}
