import { describe, expect, it } from 'vitest';
import { address } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { awaitLeader, leaderHint, RaftKv, runRaftExperiment, variantConfig, type RaftKvStatus } from '../src/index.ts';

// The Raft KV in the deterministic simulator: fixed seeds, virtual time, the cas-register checker.

describe('Raft KV in the simulator', () => {
  it('reads, writes and compare-and-sets through the leader; a follower refuses with a leader hint', async () => {
    const sim = new Simulation({ seed: 7, nodes: 3 });
    try {
      for (const n of sim.nodes) await sim.spawn(n, 'kv', RaftKv, {});
      await sim.sleep(1000);
      const statuses = await Promise.all(sim.nodes.map((n) => sim.ask<RaftKvStatus>(address(n, 'kv'), { type: 'raft-status' })));
      const leader = statuses.flatMap((s) => (s.status === 'ok' && s.value.role === 'leader' ? [s.value.self] : []))[0]!;
      const follower = sim.nodes.find((n) => n !== leader)!;
      const refused = await sim.ask(address(follower, 'kv'), { type: 'write', key: 'x', value: 1 });
      expect(refused).toMatchObject({ status: 'failed', code: 'not-leader' });
      expect(leaderHint(refused.status === 'failed' ? refused.message : '')).toBe(leader);
      const kv = address(leader, 'kv');
      expect(await sim.ask(kv, { type: 'write', key: 'x', value: 1 })).toEqual({ status: 'ok', value: { ok: true } });
      expect(await sim.ask(kv, { type: 'cas', key: 'x', from: 1, to: 2 })).toEqual({ status: 'ok', value: { ok: true } });
      expect(await sim.ask(kv, { type: 'cas', key: 'x', from: 1, to: 3 })).toMatchObject({ status: 'failed', code: 'cas-mismatch' });
      expect(await sim.ask(kv, { type: 'read', key: 'x' })).toEqual({ status: 'ok', value: { value: 2 } });
      expect(await sim.ask(kv, { type: 'write', key: 7 })).toMatchObject({ status: 'failed', code: 'bad-request' });
      // The report's timeline: the leader's last point says leader, with the commit index it reached
      // (the no-op, the write, both cas — a cas that finds another value is a log entry too).
      const timeline = await sim.ask<{ role: string; term: number; commitIndex: number }[]>(kv, { type: 'raft-timeline' });
      const last = timeline.status === 'ok' ? timeline.value.at(-1) : undefined;
      expect(last).toMatchObject({ role: 'leader', commitIndex: 4 });
      expect(timeline.status === 'ok' && timeline.value[0]?.role).toBe('follower');
    } finally {
      await sim.shutdown();
    }
  });

  it('hands leadership over on raft-transfer: the named follower leads the next term, and the data is there', async () => {
    const sim = new Simulation({ seed: 3, nodes: 5 });
    try {
      for (const n of sim.nodes) await sim.spawn(n, 'kv', RaftKv, {});
      await sim.sleep(1000);
      const leader = (await awaitLeader(sim, 'kv', 1000))!;
      await sim.ask(address(leader.self, 'kv'), { type: 'write', key: 'x', value: 41 });
      const target = sim.nodes.find((n) => n !== leader.self)!;
      expect(await sim.ask(address(target, 'kv'), { type: 'raft-transfer', to: target })).toMatchObject({ status: 'failed', code: 'not-leader' });
      expect(await sim.ask(address(leader.self, 'kv'), { type: 'raft-transfer', to: target })).toEqual({ status: 'ok', value: { transferring: target } });
      await sim.sleep(300);
      const next = await awaitLeader(sim, 'kv', 1000);
      expect({ self: next?.self, term: next?.term }).toEqual({ self: target, term: leader.term + 1 });
      expect(await sim.ask(address(target, 'kv'), { type: 'read', key: 'x' })).toEqual({ status: 'ok', value: { value: 41 } });
    } finally {
      await sim.shutdown();
    }
  });

  it('is linearizable (cas-register) and loses no acknowledged write in 20 seeds of the random nemesis', async () => {
    const unsafe: string[] = [];
    let ok = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const r = await runRaftExperiment(variantConfig('correct', seed));
      ok += r.summary.ok;
      if (!r.safe) unsafe.push(`seed ${seed}: ${r.linearizability.verdict}, lost ${r.lostWrites.length}, divergent ${r.divergent.join(',')} ${r.invariantViolations.join('; ')}`);
    }
    expect(unsafe).toEqual([]);
    expect(ok).toBeGreaterThan(20 * 500); // the store stays available enough to test something
  }, 120_000);

  it('stays linearizable under overlapping chaos faults (5 seeds)', async () => {
    for (let seed = 1; seed <= 5; seed++) {
      const r = await runRaftExperiment(variantConfig('correct-chaos', seed));
      expect({ seed, safe: r.safe, verdict: r.linearizability.verdict }).toEqual({ seed, safe: true, verdict: 'linearizable' });
    }
  }, 120_000);

  it('stays linearizable with leadership transfers among overlapping chaos faults (3 seeds)', async () => {
    let transfers = 0;
    for (let seed = 1; seed <= 3; seed++) {
      const r = await runRaftExperiment(variantConfig('correct-transfers', seed));
      transfers += r.chaosLog.filter((e) => e.what.startsWith('transfer')).length;
      expect({ seed, safe: r.safe, verdict: r.linearizability.verdict }).toEqual({ seed, safe: true, verdict: 'linearizable' });
    }
    expect(transfers).toBeGreaterThan(0);
  }, 120_000);

  it('planted unsafeCommitOldTerms (Figure 8): under the Figure 8 nemesis a committed entry is overwritten at seed 1; the §5.4.2 rule on the same seed is safe', async () => {
    const bad = await runRaftExperiment(variantConfig('figure8', 1));
    expect(bad.safe).toBe(false);
    expect(bad.invariantViolations.join('; ')).toMatch(/committed entry \d+ overwritten/);
    const good = await runRaftExperiment(variantConfig('figure8-correct', 1));
    expect({ safe: good.safe, violations: good.invariantViolations, lost: good.lostWrites }).toEqual({ safe: true, violations: [], lost: [] });
    expect(good.summary.ok).toBeGreaterThan(50); // the correct run did work under the same faults
  }, 60_000);

  it('planted unsafeLeaderLocalReads: a deposed leader serves a stale read the checker rejects (seed 14), ReadIndex does not', async () => {
    const bad = await runRaftExperiment(variantConfig('local-reads', 14));
    expect(bad.linearizability.verdict).toBe('not-linearizable');
    const good = await runRaftExperiment({ ...variantConfig('local-reads', 14), kv: { config: { checkQuorum: false } } });
    expect(good.linearizability.verdict).toBe('linearizable');
  }, 60_000);
});

describe('lease reads against clock drift (thesis §6.4.1)', () => {
  it('are safe with the clock inside the margin and stale once a slow leader clock outlasts the followers', async () => {
    const { runLeaseTrial } = await import('../src/index.ts');
    const inside = await runLeaseTrial({ seed: 1, slowPercent: 0, marginMs: 50 });
    expect(inside.reads).toBeGreaterThan(10);
    expect(inside).toMatchObject({ staleReads: 0, verdict: 'linearizable' });
    const past = await runLeaseTrial({ seed: 1, slowPercent: 50, marginMs: 10 });
    expect(past.staleReads).toBeGreaterThan(0);
    expect(past.verdict).toBe('not-linearizable');
  }, 60_000);
});
