import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/main.ts';
import { runAckSeed, sweepAckPolicy } from '../src/disk/ack-sweep.ts';

// Issue 21, the disk model's lesson; Jepsen's NATS 2.12.1 analysis: acknowledged writes lost when
// fsync runs on an interval rather than before the acknowledgement.
describe('acknowledging before fsync, under the simulator\'s disk model', () => {
  it('loses acknowledged writes in some seeds when the store acks before it syncs', async () => {
    const sweep = await sweepAckPolicy('ack-then-sync', 50);
    console.log('ack-then-sync', JSON.stringify(sweep));
    expect(sweep.acked).toBeGreaterThan(0);
    expect(sweep.seedsWithLoss).toBeGreaterThan(0);
    expect(sweep.lost).toBeGreaterThan(0);
  });

  it('loses no acknowledged write in 200 seeds when the store syncs before it acks, at one fsync per write', async () => {
    const sweep = await sweepAckPolicy('sync-then-ack', 200);
    console.log('sync-then-ack', JSON.stringify(sweep));
    expect(sweep.acked).toBeGreaterThan(200);
    expect(sweep.lost).toBe(0);
    expect(sweep.syncsPerAck).toBeGreaterThanOrEqual(1);
  });

  it('syncing first costs ack latency and throughput (each ack waits for a 0.5-2 ms fsync), measured over the same seeds', async () => {
    const early = await sweepAckPolicy('ack-then-sync', 50);
    const careful = await sweepAckPolicy('sync-then-ack', 50);
    console.log('cost', JSON.stringify({ early, careful }));
    expect(careful.meanAckMs - early.meanAckMs).toBeGreaterThanOrEqual(0.5); // at least the fastest fsync
    expect(careful.acksPerSecond).toBeLessThan(early.acksPerSecond);
  });

  it('with 8 clients at once their syncs share flushes (group commit): fewer fsyncs than acks, none lost', async () => {
    const grouped = await sweepAckPolicy('sync-then-ack', 50, 1, 8);
    const alone = await sweepAckPolicy('sync-then-ack', 50, 1, 1);
    console.log('group commit', JSON.stringify({ grouped, alone }));
    expect(grouped.lost).toBe(0);
    expect(grouped.syncsPerAck).toBeLessThan(0.75);
    expect(grouped.acksPerSecond).toBeGreaterThan(2 * alone.acksPerSecond);
  });

  it('replays one seed the same way twice', async () => {
    expect(await runAckSeed(7, 'ack-then-sync')).toEqual(await runAckSeed(7, 'ack-then-sync'));
  });
});

describe('faultline demo disk: the lesson from the command line', () => {
  it('prints its seed and one row per policy, acked-but-lost only where the store acks first', async () => {
    const lines: string[] = [];
    expect(await runCli(['demo', 'disk', '--seed', '1', '--seeds', '20'], (l) => lines.push(l))).toBe(0);
    const text = lines.join('\n');
    expect(text).toMatch(/seed 1\b/);
    const row = (policy: string) => text.split('\n').find((l) => l.startsWith(`| ${policy} |`))?.split('|').map((c) => c.trim());
    const early = row('ack, then fsync every 50 ms');
    const first = row('fsync, then ack');
    expect(Number(early?.[3])).toBeGreaterThan(0); // seeds losing an acked write
    expect(Number(first?.[3])).toBe(0);
    expect(Number(first?.[5])).toBe(0); // acked but lost
    expect(Number(first?.[6])).toBeGreaterThanOrEqual(1); // fsyncs per ack
  });
});
