import type { Demo } from '../demo.ts';
import { diskInfo } from './disk-info.ts';
import { readNumber } from '../demo-options.ts';
import { sweepAckPolicy, type AckSweep } from './ack-sweep.ts';

/** Clients in the group-commit row. */
const GROUP_CLIENTS = 8;

const POLICY_WORDS = { 'ack-then-sync': 'ack, then fsync every 50 ms', 'sync-then-ack': 'fsync, then ack' } as const;

/**
 * `faultline demo disk`: docs chapter 10's disk lesson from the command line. After Jepsen's NATS
 * 2.12.1 analysis (acknowledged writes lost because fsync ran on an interval): a store that answers
 * before it fsyncs loses acknowledged writes when its node crashes, in some seeds; one that fsyncs
 * first loses none, at one fsync per write.
 */
export const diskDemo: Demo = {
  ...diskInfo,
  actorModules: [],
  async run(context) {
    const { cluster, out } = context;
    const seeds = readNumber(context.options, 'seeds', 200);
    const first = cluster.seed;
    out('A client puts keys one after another to a store on n2, under the disk model (writes pending until');
    out('fsync, which takes 0.5-2 ms, seeded; a crash keeps a seeded prefix of unsynced writes and tears the');
    out('next). n2 crashes at a seeded instant, restarts, and the client reads what survived.');
    out(`Seeds ${first}..${first + seeds - 1} for each policy:\n`);
    const rows: AckSweep[] = [];
    for (const policy of ['ack-then-sync', 'sync-then-ack'] as const) rows.push(await sweepAckPolicy(policy, seeds, first));
    rows.push(await sweepAckPolicy('sync-then-ack', seeds, first, GROUP_CLIENTS));
    out('| policy | seeds | seeds losing an acked write | acked writes | acked but lost | fsyncs per ack | mean ack (virtual ms) | acks per virtual s |');
    out('|---|---|---|---|---|---|---|---|');
    for (const r of rows) out(`| ${POLICY_WORDS[r.policy]}${r.clients > 1 ? `, ${r.clients} clients at once (group commit)` : ''} | ${r.seeds} | ${r.seedsWithLoss} | ${r.acked} | ${r.lost} | ${r.syncsPerAck.toFixed(2)} | ${r.meanAckMs.toFixed(2)} | ${Math.round(r.acksPerSecond)} |`);
    const [early, careful, grouped] = rows as [AckSweep, AckSweep, AckSweep];
    if (early.meanAckMs > 0) {
      out(`\nSyncing first costs ${(careful.meanAckMs / early.meanAckMs).toFixed(2)}x the ack latency and ${(careful.acksPerSecond / early.acksPerSecond).toFixed(2)}x the throughput`);
      out(`of acking first; with ${GROUP_CLIENTS} clients their syncs share flushes (${grouped.syncsPerAck.toFixed(2)} fsyncs per ack), ${(grouped.acksPerSecond / careful.acksPerSecond).toFixed(2)}x one client's throughput.`);
    }
    out('\nAn "ok" is a promise about the disk only if the fsync came first. Replay one seed with --seed N --seeds 1.');
    return 0;
  },
};
