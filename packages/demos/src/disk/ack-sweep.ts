import { createRng } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { AckStore, type AckPolicy } from './store.ts';

/** One seed's run: writes the client saw acknowledged, and how many of them the store lost to the crash. */
export interface AckRun {
  readonly seed: number;
  readonly acked: number;
  readonly lost: number;
  readonly syncs: number;
}

/** Totals over seeds for one policy. */
export interface AckSweep {
  readonly policy: AckPolicy;
  readonly seeds: number;
  /** Seeds where at least one acknowledged write was gone after the restart. */
  readonly seedsWithLoss: number;
  readonly acked: number;
  readonly lost: number;
  /** Fsyncs per acknowledged write: the price of syncing first. */
  readonly syncsPerAck: number;
}

/**
 * One seed: a client puts keys one after another to a store on n2 under the disk model; n2 crashes
 * at a seeded instant, restarts, and the client reads what the store kept. An acknowledged key that
 * is missing is an acked-but-lost write.
 */
export async function runAckSeed(seed: number, policy: AckPolicy, syncEveryMs = 50): Promise<AckRun> {
  const sim = new Simulation({ seed, nodes: 2, disk: { onCrash: 'random-prefix' } });
  const crashAtMs = 20 + createRng(seed).int(200);
  const store = await sim.spawn('n2', 'store', AckStore, { policy, syncEveryMs });
  const acked: string[] = [];
  let crashed = false;
  const client = (async () => {
    for (let i = 0; !crashed; i++) {
      const outcome = await sim.ask(store, { type: 'put', key: String(i) }, { timeoutMs: 20 });
      if (outcome.status === 'ok') acked.push(String(i));
      else await sim.sleep(5);
    }
  })();
  await sim.sleep(crashAtMs);
  await sim.crash('n2');
  const syncs = sim.disk('n2')?.stats().syncs ?? 0;
  crashed = true;
  await client;
  await sim.restart('n2');
  const read = await sim.ask(store, { type: 'read' }, { timeoutMs: 100 });
  if (read.status !== 'ok') throw new Error(`seed ${seed}: the restarted store did not answer the read (${read.status})`);
  const kept = new Set(read.value as string[]);
  return { seed, acked: acked.length, lost: acked.filter((k) => !kept.has(k)).length, syncs };
}

/** Runs `seeds` consecutive seeds from `firstSeed` under one policy. */
export async function sweepAckPolicy(policy: AckPolicy, seeds: number, firstSeed = 1): Promise<AckSweep> {
  let acked = 0, lost = 0, syncs = 0, seedsWithLoss = 0;
  for (let seed = firstSeed; seed < firstSeed + seeds; seed++) {
    const run = await runAckSeed(seed, policy);
    acked += run.acked;
    lost += run.lost;
    syncs += run.syncs;
    if (run.lost > 0) seedsWithLoss++;
  }
  return { policy, seeds, seedsWithLoss, acked, lost, syncsPerAck: acked === 0 ? 0 : syncs / acked };
}
