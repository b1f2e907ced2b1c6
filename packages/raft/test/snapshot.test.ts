import { describe, expect, it } from 'vitest';
import { address } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { awaitLeader, RaftKv, runRaftExperiment, type RaftKvStatus } from '../src/index.ts';

// Log compaction by snapshot (Raft §7) in the simulator, fixed seeds.

const status = async (sim: Simulation, node: string): Promise<RaftKvStatus> => {
  const r = await sim.ask<RaftKvStatus>(address(node, 'kv'), { type: 'raft-status' });
  if (r.status !== 'ok') throw new Error(`no status from ${node}`);
  return r.value;
};

describe('Raft log compaction (§7)', () => {
  it('a follower down while the log was compacted catches up by InstallSnapshot, and a restart recovers from snapshot + tail', async () => {
    const sim = new Simulation({ seed: 5, nodes: 3, disk: { onCrash: 'random-prefix' } });
    try {
      for (const n of sim.nodes) await sim.spawn(n, 'kv', RaftKv, { snapshotEvery: 10 });
      await sim.sleep(1000);
      const leader = (await awaitLeader(sim, 'kv', 1000))!;
      const lagging = sim.nodes.find((n) => n !== leader.self)!;
      await sim.crash(lagging);
      for (let i = 1; i <= 40; i++) expect(await sim.ask(address(leader.self, 'kv'), { type: 'write', key: `k${i % 4}`, value: i })).toMatchObject({ status: 'ok' });
      const compacted = await status(sim, leader.self);
      expect(compacted.snapIndex).toBeGreaterThanOrEqual(30); // the entries the lagging node lacks are gone from the leader's log
      await sim.restart(lagging);
      await sim.sleep(500);
      const caughtUp = await status(sim, lagging);
      expect(caughtUp.snapshotsInstalled).toBeGreaterThanOrEqual(1);
      expect(caughtUp.commitIndex).toBe(compacted.commitIndex);
      // Its state machine holds the snapshot's values: hand it leadership and read them through it.
      await sim.ask(address(leader.self, 'kv'), { type: 'raft-transfer', to: lagging });
      await sim.sleep(500);
      expect((await awaitLeader(sim, 'kv', 1000))?.self).toBe(lagging);
      for (const [key, value] of [['k0', 40], ['k1', 37], ['k2', 38], ['k3', 39]] as const) {
        expect(await sim.ask(address(lagging, 'kv'), { type: 'read', key })).toEqual({ status: 'ok', value: { value } });
      }
      // A restart recovers from the stored snapshot and the log tail after it.
      await sim.crash(lagging);
      await sim.restart(lagging);
      const restarted = await status(sim, lagging);
      expect(restarted.snapIndex).toBeGreaterThan(0);
      expect(restarted.commitIndex).toBe(restarted.snapIndex);
      await sim.sleep(1000);
      const next = (await awaitLeader(sim, 'kv', 1000))!;
      expect(await sim.ask(address(next.self, 'kv'), { type: 'read', key: 'k0' })).toEqual({ status: 'ok', value: { value: 40 } });
    } finally {
      await sim.shutdown();
    }
  }, 60_000);

  it('stays linearizable, loses no acknowledged write and installs snapshots under overlapping chaos faults (seeds 1–5, a snapshot every 20 entries)', async () => {
    let installed = 0;
    for (let seed = 1; seed <= 5; seed++) {
      const r = await runRaftExperiment({ seed, nemesis: 'chaos', workload: { timeoutMs: 300 }, kv: { snapshotEvery: 20, snapshotKeepsIds: true } });
      installed += r.snapshotsInstalled;
      expect({ seed, safe: r.safe, verdict: r.linearizability.verdict, lost: r.lostWrites, divergent: r.divergent, violations: r.invariantViolations })
        .toEqual({ seed, safe: true, verdict: 'linearizable', lost: [], divergent: [], violations: [] });
      expect(r.summary.ok).toBeGreaterThan(100);
    }
    expect(installed).toBeGreaterThan(0);
  }, 180_000);
});

describe('snapshot persistence (untrusted storage)', () => {
  it('restores the snapshot and only the contiguous tail after it; a snapshot of the wrong shape is ignored', async () => {
    const { MemoryStorage } = await import('@faultline/core');
    const { restoreRaft } = await import('../src/core/persistence.ts');
    const storage = new MemoryStorage();
    storage.set('hs', { term: 3, votedFor: null });
    storage.set('snap', { index: 5, term: 2, data: { kv: [['x', 1]] } });
    for (const [i, term] of [[4, 2], [6, 2], [7, 3], [9, 3]] as const) storage.set(`e:${i}`, { term, command: null });
    const r = restoreRaft(storage);
    expect(r.snapshot).toEqual({ index: 5, term: 2, data: { kv: [['x', 1]] } });
    expect(r.entries.map((e) => e.index)).toEqual([6, 7]); // 4 is behind the snapshot, 9 after a gap
    storage.set('snap', { index: -1, term: 'x' });
    expect(restoreRaft(storage).snapshot).toBeUndefined();
  });
});
