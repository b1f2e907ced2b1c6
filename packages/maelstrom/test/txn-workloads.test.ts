import { createRng } from '@faultline/core';
import { describe, expect, it } from 'vitest';
import { runMaelstromTest, TxnGenerator, type MaelstromTestOptions, type WorkloadName } from '../src/index.ts';
import { loadProgram } from './programs.ts';

// Issue 19 item 10: the txn workloads judged by the Elle port (packages/checker/src/txn), as
// Maelstrom's txn_rw_register.clj and txn_list_append.clj judge them with Elle.
async function run(workload: WorkloadName, file: string, extra: Partial<MaelstromTestOptions> = {}) {
  return runMaelstromTest({
    workload, nodes: { kind: 'in-process', program: await loadProgram(file) },
    nodeCount: 3, timeLimitMs: 4000, rate: 40, latencyMs: 5, seed: 14, ...extra,
  });
}

describe('txn-rw-register and txn-list-append (issue 19 item 10)', () => {
  it('a read of a key nobody wrote returning 0 is no anomaly, as in Maelstrom (Elle), where faultline said garbage-read', async () => {
    const r = await run('txn-rw-register', 'txn-unwritten-zero.mjs', { consistencyModels: ['read-committed'] });
    expect(r.check.anomalies).toEqual({});
    expect(r.valid).toBe(true);
  });

  it('checks strict-serializable by default, as Maelstrom: the read-committed program fails it', async () => {
    const r = await run('txn-rw-register', 'txn.mjs', { nemesis: ['partition'] });
    expect(r.check.lines[0]).toMatch(/for strict-serializable/);
    expect(r.valid).toBe(false);
  });

  it('accepts any consistency model Elle knows, several at once', async () => {
    const r = await run('txn-list-append', 'txn-list-append.mjs', { consistencyModels: ['snapshot-isolation', 'serializable'] });
    expect(r.check.lines[0]).toMatch(/for snapshot-isolation, serializable/);
    expect(r.valid).toBe(true);
    await expect(run('txn-list-append', 'txn-list-append.mjs', { consistencyModels: ['bogus-isolation'] })).rejects.toThrow(/consistency-models/);
  });

  it('counts a txn_ok that does not match its request as indeterminate, not as a crash of the checker', async () => {
    const r = await run('txn-list-append', 'txn-broken.mjs', { consistencyModels: ['read-committed'] });
    expect(r.check.extra?.['malformedReplies']).toBeGreaterThan(0);
    expect(r.check.lines.join('\n')).toMatch(/did not match their request and count as indeterminate/);
  });
});

describe('TxnGenerator (Elle wr-txns with Maelstrom\'s --key-count, --max-txn-length, --max-writes-per-key)', () => {
  it('keeps transaction lengths in bounds, values unique per key, and retires a key after its last write', () => {
    const gen = new TxnGenerator('append', { keyCount: 3, minTxnLength: 1, maxTxnLength: 2, maxWritesPerKey: 4 });
    const rng = createRng(5);
    const written = new Map<number, number[]>();
    for (let i = 0; i < 500; i++) {
      const txn = gen.next(rng);
      expect(txn.length).toBeGreaterThanOrEqual(1);
      expect(txn.length).toBeLessThanOrEqual(2);
      for (const [f, k, v] of txn) if (f === 'append') written.set(k, [...(written.get(k) ?? []), v as number]);
    }
    for (const values of written.values()) {
      expect(new Set(values).size).toBe(values.length);
      expect(values.length).toBeLessThanOrEqual(4);
    }
    expect(written.size).toBeGreaterThan(3); // fresh keys replaced the retired ones
  });
});
