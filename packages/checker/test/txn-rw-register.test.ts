import { describe, expect, it } from 'vitest';
import { checkRwRegister } from '../src/txn/rw-register/check.ts';
import type { TxnExpectations } from '../src/txn/result.ts';
import { history, pair, rwOp } from './txn-support.ts';

const RW = 'elle test/elle/rw_register_test.clj checker-test';
const only = (...anomalies: string[]): TxnExpectations => ({ consistencyModels: [], anomalies });
const models = (...consistencyModels: string[]): TxnExpectations => ({ consistencyModels });

const g0 = (() => { const [t1] = pair(rwOp('wx1wy2', 'ok', 0)); const [t2] = pair(rwOp('wx2wy1', 'ok', 1)); return history([{ ...t1, type: 'ok' }, { ...t2, type: 'ok' }]); })();
const g1a = history([rwOp('rx1'), rwOp('wx1', 'fail')]);
const g1b = history([rwOp('wx1wx2'), rwOp('rx1')]);
const g1c = history([rwOp('wx1ry1'), rwOp('wy1rx1')]);
const g2 = history([rwOp('rx_wy1'), rwOp('ry_wx1')]);

// Elle's rw-register checker tests with the default version inference (initial state only).
const CASES = [
  { source: `${RW} "G0" (no version order without key assumptions)`, h: g0, opts: only('G0'), valid: 'unknown', types: ['empty-transaction-graph'] },
  { source: `${RW} "G1a"`, h: g1a, opts: only('G1'), valid: false, types: ['G1a', 'empty-transaction-graph'], not: ['read-committed'] },
  { source: `${RW} "G1b", :anomalies [:G0]`, h: g1b, opts: only('G0'), valid: 'unknown', types: ['empty-transaction-graph'], not: ['read-committed'] },
  { source: `${RW} "G1b", :anomalies [:G1]`, h: g1b, opts: only('G1'), valid: false, types: ['G1b', 'empty-transaction-graph'], not: ['read-committed'] },
  { source: `${RW} "G1b", repeatable-read`, h: g1b, opts: models('repeatable-read'), valid: false, types: ['G1b', 'empty-transaction-graph'], not: ['read-committed'] },
  { source: `${RW} "G1c", :anomalies [:G0]`, h: g1c, opts: only('G0'), valid: true, types: [] },
  { source: `${RW} "G1c", read-uncommitted`, h: g1c, opts: models('read-uncommitted'), valid: true, types: [] },
  { source: `${RW} "G1c", :anomalies [:G1]`, h: g1c, opts: only('G1'), valid: false, types: ['G1c'], not: ['read-committed'] },
  { source: `${RW} "G1c", read-committed`, h: g1c, opts: models('read-committed'), valid: false, types: ['G1c'], not: ['read-committed'] },
  { source: `${RW} "G1c", :anomalies [:G2]`, h: g1c, opts: only('G2'), valid: true, types: [] },
  { source: `${RW} "G1c", serializable`, h: g1c, opts: models('serializable'), valid: false, types: ['G1c'], not: ['read-committed'] },
  // Not one of Elle's: write skew from the initial state, found through nil preceding every value.
  { source: 'write skew over initial nils (rw rw)', h: g2, opts: models('serializable'), valid: false, types: ['G2-item'], not: ['repeatable-read'] },
  { source: 'write skew over initial nils, snapshot isolation allows it', h: g2, opts: models('snapshot-isolation'), valid: true, types: [] },
] as const;

describe('rw-register: Elle test histories', () => {
  for (const c of CASES) {
    it(`${c.source}: ${String(c.valid)} ${c.types.join(' ') || '(none)'}`, () => {
      const r = checkRwRegister(c.h, c.opts);
      expect({ valid: r.valid, types: r.anomalyTypes }).toEqual({ valid: c.valid, types: c.types });
      if ('not' in c) expect(r.not).toEqual(c.not);
    });
  }

  it('refuses a value written by two transactions with unknown and the reason', () => {
    const r = checkRwRegister(history([rwOp('wx1'), rwOp('wx1'), rwOp('rx1')]), models('serializable'));
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/duplicate-writes/);
  });
});
