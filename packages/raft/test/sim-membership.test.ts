import { describe, expect, it } from 'vitest';
import { address } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { awaitLeader, RaftKv, runRaftExperiment, variantConfig, type RaftKvStatus } from '../src/index.ts';

// Membership change one server at a time (Raft thesis §4.1) on the KV in the simulator: fixed seeds, virtual time.

const status = async (sim: Simulation, node: string): Promise<RaftKvStatus> => {
  const r = await sim.ask<RaftKvStatus>(address(node, 'kv'), { type: 'raft-status' });
  if (r.status !== 'ok') throw new Error(`no status from ${node}`);
  return r.value;
};

describe('adding and removing servers on the Raft KV', () => {
  it('grows 3 → 5 and back to 3 through the leader, one change at a time; new servers catch up and the removed leader steps down', async () => {
    const sim = new Simulation({ seed: 11, nodes: 5, disk: { onCrash: 'random-prefix' } });
    try {
      const initial = ['n1', 'n2', 'n3'];
      for (const n of sim.nodes) await sim.spawn(n, 'kv', RaftKv, { voters: initial, joining: !initial.includes(n), snapshotEvery: 10 });
      await sim.sleep(1000);
      const leader = (await awaitLeader(sim, 'kv', 1000))!;
      const kv = address(leader.self, 'kv');
      for (let i = 1; i <= 25; i++) await sim.ask(kv, { type: 'write', key: 'x', value: i });
      const follower = initial.find((n) => n !== leader.self)!;
      expect(await sim.ask(address(follower, 'kv'), { type: 'raft-add-server', node: 'n4' })).toMatchObject({ status: 'failed', code: 'not-leader' });
      expect(await sim.ask(kv, { type: 'raft-add-server', node: follower })).toMatchObject({ status: 'failed', code: 'bad-change' });
      // Two changes sent together: the second arrives while the first is uncommitted.
      const [first, second] = await Promise.all([sim.ask(kv, { type: 'raft-add-server', node: 'n4' }), sim.ask(kv, { type: 'raft-add-server', node: 'n5' })]);
      expect(first).toEqual({ status: 'ok', value: { voters: ['n1', 'n2', 'n3', 'n4'] } });
      expect(second).toMatchObject({ status: 'failed', code: 'change-in-progress' });
      expect(await sim.ask(kv, { type: 'raft-add-server', node: 'n5' })).toEqual({ status: 'ok', value: { voters: ['n1', 'n2', 'n3', 'n4', 'n5'] } });
      await sim.sleep(300);
      // The new servers started empty; the log was compacted, so they caught up by InstallSnapshot.
      for (const n of ['n4', 'n5']) expect(await status(sim, n)).toMatchObject({ voters: ['n1', 'n2', 'n3', 'n4', 'n5'], snapshotsInstalled: 1, commitIndex: (await status(sim, leader.self)).commitIndex });
      // Shrink back, removing the leader last: it answers once its removal commits, then steps down.
      const others = ['n1', 'n2', 'n3'].filter((n) => n !== leader.self);
      expect(await sim.ask(kv, { type: 'raft-remove-server', node: others[0]! })).toMatchObject({ status: 'ok' });
      expect(await sim.ask(kv, { type: 'raft-remove-server', node: leader.self })).toMatchObject({ status: 'ok' });
      await sim.sleep(1000);
      const next = (await awaitLeader(sim, 'kv', 1000))!;
      expect([others[1], 'n4', 'n5']).toContain(next.self);
      expect(next.voters).toEqual([others[1], 'n4', 'n5']);
      expect(await status(sim, leader.self)).toMatchObject({ role: 'follower' });
      expect(await sim.ask(address(next.self, 'kv'), { type: 'read', key: 'x' })).toEqual({ status: 'ok', value: { value: 25 } });
      // A restart keeps the configuration (from the snapshot and the log after it).
      await sim.crash(next.self);
      await sim.restart(next.self);
      expect((await status(sim, next.self)).voters).toEqual([others[1], 'n4', 'n5']);
    } finally {
      await sim.shutdown();
    }
  }, 60_000);
});

describe('a learner on the Raft KV (thesis §4.2.1)', () => {
  it('joins without a vote, catches up by the log, and is promoted through the leader', async () => {
    const sim = new Simulation({ seed: 5, nodes: 4, disk: { onCrash: 'random-prefix' } });
    try {
      const initial = ['n1', 'n2', 'n3'];
      for (const n of sim.nodes) await sim.spawn(n, 'kv', RaftKv, { voters: initial, joining: !initial.includes(n) });
      await sim.sleep(1000);
      const leader = (await awaitLeader(sim, 'kv', 1000))!;
      const kv = address(leader.self, 'kv');
      for (let i = 1; i <= 10; i++) await sim.ask(kv, { type: 'write', key: 'x', value: i });
      expect(await sim.ask(kv, { type: 'raft-add-learner', node: 'n4' })).toEqual({ status: 'ok', value: { voters: initial, learners: ['n4'] } });
      await sim.sleep(300);
      expect(await status(sim, 'n4')).toMatchObject({ role: 'follower', voters: initial, learners: ['n4'], commitIndex: (await status(sim, leader.self)).commitIndex });
      expect(await sim.ask(kv, { type: 'raft-add-learner', node: 'n4' })).toMatchObject({ status: 'failed', code: 'bad-change' });
      expect(await sim.ask(kv, { type: 'raft-promote', node: 'n4' })).toEqual({ status: 'ok', value: { voters: ['n1', 'n2', 'n3', 'n4'] } });
      await sim.sleep(300);
      expect(await status(sim, 'n4')).toMatchObject({ voters: ['n1', 'n2', 'n3', 'n4'], learners: [] });
      expect(await sim.ask(address('n4', 'kv'), { type: 'read', key: 'x' })).toMatchObject({ status: 'failed', code: 'not-leader' });
      expect(await sim.ask(kv, { type: 'read', key: 'x' })).toEqual({ status: 'ok', value: { value: 10 } });
    } finally {
      await sim.shutdown();
    }
  }, 60_000);
});

describe('membership changes under chaos (thesis §4.1)', () => {
  it('never two leaders in one term, linearizable, no acknowledged write lost, in 20 seeds of servers added and removed among partitions, crashes and loss', async () => {
    const unsafe: string[] = [];
    let changed = 0, leaderRemoved = 0, refusedInProgress = 0, snapshots = 0, terms = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const r = await runRaftExperiment(variantConfig('membership', seed));
      if (!r.safe) unsafe.push(`seed ${seed}: ${r.linearizability.verdict}, lost ${r.lostWrites.join(',')}, divergent ${r.divergent.join(',')}, two leaders ${r.leaderConflicts.join('; ')} ${r.invariantViolations.join('; ')}`);
      changed += r.membershipLog.filter((e) => e.outcome.startsWith('ok')).length;
      leaderRemoved += r.membershipLog.filter((e) => e.outcome.startsWith('ok') && /^remove (\S+) \(at \1\)$/.test(e.change)).length;
      refusedInProgress += r.membershipLog.filter((e) => e.outcome === 'failed change-in-progress').length;
      snapshots += r.snapshotsInstalled;
      terms += r.leaderTerms;
      expect(r.summary.ok).toBeGreaterThan(300); // the store did work while its membership changed
      expect(r.finalVoters.length).toBeGreaterThanOrEqual(3);
    }
    expect(unsafe).toEqual([]);
    // The run exercised what it claims to: many committed changes, removed leaders, refused second changes, snapshots, leader churn.
    expect(changed).toBeGreaterThan(20 * 10);
    expect(leaderRemoved).toBeGreaterThan(20);
    expect(refusedInProgress).toBeGreaterThan(0);
    expect(snapshots).toBeGreaterThan(0);
    expect(terms).toBeGreaterThan(20 * 3);
  }, 180_000);
});
