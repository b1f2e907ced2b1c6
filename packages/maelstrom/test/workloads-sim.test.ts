import { describe, expect, it } from 'vitest';
import { runMaelstromTest, type FaultFamily, type MaelstromTestOptions, type WorkloadName } from '../src/index.ts';
import { loadProgram } from './programs.ts';

// Every workload with its correct and its broken test program, in-process on the simulator's
// virtual time with a fixed seed: each run takes a fraction of a second and replays exactly.
const CASES: readonly { workload: WorkloadName; good: string; broken: string; nemesis?: FaultFamily[]; anomaly: string; loss?: number; extra?: Partial<MaelstromTestOptions> }[] = [
  { workload: 'echo', good: 'echo.mjs', broken: 'echo-broken.mjs', anomaly: 'echo-mismatch' },
  { workload: 'unique-ids', good: 'unique-ids.mjs', broken: 'unique-ids-broken.mjs', nemesis: ['partition'], anomaly: 'duplicate-ids' },
  { workload: 'broadcast', good: 'broadcast.mjs', broken: 'broadcast-broken.mjs', nemesis: ['partition'], loss: 0.1, anomaly: 'lost' },
  { workload: 'g-set', good: 'g-set.mjs', broken: 'g-set-broken.mjs', nemesis: ['partition'], anomaly: 'lost' },
  { workload: 'g-counter', good: 'counter.mjs', broken: 'counter-broken.mjs', nemesis: ['partition'], anomaly: 'final-read-out-of-bounds' },
  { workload: 'pn-counter', good: 'counter.mjs', broken: 'counter-broken.mjs', nemesis: ['partition'], anomaly: 'final-read-out-of-bounds' },
  { workload: 'kafka', good: 'kafka.mjs', broken: 'kafka-broken.mjs', anomaly: 'inconsistent-offsets' },
  // Gossip Glomers 6c: read committed (Maelstrom's default would be strict-serializable).
  { workload: 'txn-rw-register', good: 'txn.mjs', broken: 'txn-broken.mjs', nemesis: ['partition'], anomaly: 'G1a', extra: { consistencyModels: ['read-committed'] } },
  { workload: 'txn-list-append', good: 'txn-list-append.mjs', broken: 'txn-list-append-broken.mjs', nemesis: ['partition'], anomaly: 'G0' },
  { workload: 'lin-kv', good: 'lin-kv.mjs', broken: 'lin-kv-broken.mjs', anomaly: 'not-linearizable' },
];

async function run(workload: WorkloadName, file: string, extra: Partial<MaelstromTestOptions> = {}) {
  return runMaelstromTest({
    workload, nodes: { kind: 'in-process', program: await loadProgram(file) },
    nodeCount: 3, timeLimitMs: 4000, rate: 40, latencyMs: 5, seed: 14, nemesisIntervalMs: 1000, recoveryMs: 1000, ...extra,
  });
}

describe('Maelstrom workloads in the simulator: each checker passes a correct program and catches a broken one', () => {
  for (const c of CASES) {
    const faults = { ...(c.nemesis ? { nemesis: c.nemesis } : {}), ...(c.loss ? { loss: c.loss } : {}), ...c.extra };
    it(`${c.workload}: ${c.good} is valid`, async () => {
      const r = await run(c.workload, c.good, faults);
      expect(r.check.anomalies).toEqual({});
      expect(r.valid).toBe(true);
      expect(r.exitCode).toBe(0);
      expect(r.stats.ok).toBeGreaterThan(50);
    });
    it(`${c.workload}: ${c.broken} is caught (${c.anomaly})`, async () => {
      const r = await run(c.workload, c.broken, faults);
      expect(r.valid).toBe(false);
      expect(r.exitCode).toBe(1);
      expect(r.check.anomalies[c.anomaly]).toBeGreaterThan(0);
    });
  }
});

describe('64-bit integers in Maelstrom bodies (issue 21)', () => {
  it('unique-ids: snowflake-style ids past 2^53 that differ only in low bits are all distinct', async () => {
    const r = await run('unique-ids', 'unique-ids-snowflake.mjs', { nemesis: ['partition'] });
    expect(r.check.anomalies).toEqual({});
    expect(r.valid).toBe(true);
    expect(r.stats.ok).toBeGreaterThan(50);
  });
});

describe('replay and faults in the simulator', () => {
  it('the same seed replays the same history, stats and fault schedule; another seed does not', async () => {
    const options = { nemesis: ['partition', 'kill', 'pause', 'clock'] as FaultFamily[], loss: 0.05, nemesisIntervalMs: 500 };
    const a = await run('broadcast', 'broadcast.mjs', options);
    const b = await run('broadcast', 'broadcast.mjs', options);
    const c = await run('broadcast', 'broadcast.mjs', { ...options, seed: 15 });
    expect(a.nemesisLog.length).toBeGreaterThan(2);
    expect(JSON.stringify(b.stats)).toBe(JSON.stringify(a.stats));
    expect(b.nemesisLog.map((e) => e.text)).toEqual(a.nemesisLog.map((e) => e.text));
    expect(JSON.stringify(b.check)).toBe(JSON.stringify(a.check));
    expect(JSON.stringify(c.stats)).not.toBe(JSON.stringify(a.stats));
  });

  it('under a partition the broadcast program resends more and still loses no acknowledged value', async () => {
    const calm = await run('broadcast', 'broadcast.mjs');
    const split = await run('broadcast', 'broadcast.mjs', { nemesis: ['partition'], nemesisIntervalMs: 500 });
    expect(split.valid).toBe(true);
    expect(split.stats.net.dropped).toBeGreaterThan(0);
    expect(calm.stats.net.dropped).toBe(0);
    expect(split.stats.msgsPerOp).toBeGreaterThan(calm.stats.msgsPerOp);
  });

  it('measures broadcast latency in virtual time: clients have no latency, nodes pay one hop each', async () => {
    const r = await run('broadcast', 'broadcast.mjs', { nodeCount: 9, latencyMs: 100, rate: 50, timeLimitMs: 5000 });
    const stable = r.check.extra?.['stableLatency'] as { p50: number; max: number };
    expect(r.valid).toBe(true);
    // Maelstrom net.clj `latency-for`: client ↔ node messages take 0 ms, so the op completes at once.
    expect(r.stats.latency.p50).toBe(0);
    expect(stable.p50).toBeGreaterThanOrEqual(100); // at least one node-to-node hop
    expect(stable.max).toBeLessThan(600);
    expect(r.wallMs).toBeLessThan(r.runMs);
  });
});
