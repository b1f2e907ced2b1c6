import { describe, expect, it } from 'vitest';
import { checkRwRegister } from '../src/txn/rw-register/check.ts';
import { parseTransactionOrder, TransactionOrderError } from '../src/txn/rw-register/transaction-order.ts';
import type { TxnCheckResult } from '../src/txn/result.ts';
import { history, pair, rwOp, type TestOp } from './txn-support.ts';

// The rest of Elle's rw-register tests (jepsen-io/elle test/elle/rw_register_test.clj), each
// history as the test builds it and the verdict, anomaly types and `:not` it expects.
const RW = 'elle test/elle/rw_register_test.clj';
const verdict = (r: TxnCheckResult): unknown => ({ valid: r.valid, types: r.anomalyTypes, not: r.not });
// A cycle rotated to start at its least transaction (Elle's and ours may start at different points of one cycle).
const cycle = (r: TxnCheckResult, type: string): { txns: number[]; steps: unknown[] } => {
  const a = r.anomalies.get(type)![0]!;
  const ids = a.txns.slice(0, -1);
  const at = ids.indexOf(Math.min(...ids));
  const rot = <T>(l: readonly T[]): T[] => [...l.slice(at), ...l.slice(0, at)];
  return { txns: [...rot(ids), ids[at]!], steps: rot(a.steps!).map((s) => [s.type, s.key, s.value, s.value2]) };
};
const txnPairs = (...txns: unknown[][][]): TestOp[] => txns.flatMap((value) => [{ type: 'invoke' as const, value }, { type: 'ok' as const, value }]);

describe('rw-register: Elle checker-test with :transaction-order', () => {
  const gSingle = history([rwOp('rx_wy2'), rwOp('wx3wy4')]);
  it(`${RW} "G-single transaction-order": valid without the order`, () => {
    expect(verdict(checkRwRegister(gSingle, { consistencyModels: ['serializable'] }))).toEqual({ valid: true, types: [], not: [] });
  });

  it(`${RW} "G-single transaction-order": commit order T2 -> T1 gives G-single-item (rw on :x, ww on :y)`, () => {
    const r = checkRwRegister(gSingle, { consistencyModels: ['serializable'], transactionOrder: new Map([[0, 2], [1, 1]]) });
    expect(verdict(r)).toEqual({ valid: false, types: ['G-single-item'], not: ['consistent-view', 'repeatable-read'] });
    expect(cycle(r, 'G-single-item')).toEqual({ txns: [0, 1, 0], steps: [['rw', ':x', 'init', 3], ['ww', ':y', 4, 2]] });
  });

  const g2 = history([rwOp('wx1wy2wz3'), rwOp('rx1wy5'), rwOp('rz3wx4'), rwOp('wz7wy8')]);
  it(`${RW} "G2-item transaction-order": valid without the order`, () => {
    expect(verdict(checkRwRegister(g2, { consistencyModels: ['serializable'] }))).toEqual({ valid: true, types: [], not: [] });
  });

  it(`${RW} "G2-item transaction-order": commit order T1 T3 T4 T2 gives G2-item T2 -> T3 -> T4 -> T2`, () => {
    const r = checkRwRegister(g2, { consistencyModels: ['serializable'], transactionOrder: parseTransactionOrder('{0 1 1 4 2 2 3 3}') });
    expect(verdict(r)).toEqual({ valid: false, types: ['G2-item'], not: ['repeatable-read'] });
    expect(cycle(r, 'G2-item')).toEqual({ txns: [1, 2, 3, 1], steps: [['rw', ':x', 1, 4], ['rw', ':z', 3, 7], ['ww', ':y', 8, 5]] });
  });

  it('parses the order as pairs, EDN or JSON, and refuses odd or non-numeric input with a typed error', () => {
    expect([...parseTransactionOrder('0:2,1:1')]).toEqual([[0, 2], [1, 1]]);
    expect([...parseTransactionOrder('{"0": 2, "1": 1}')]).toEqual([[0, 2], [1, 1]]);
    expect(() => parseTransactionOrder('0 1 2')).toThrow(TransactionOrderError);
    expect(() => parseTransactionOrder('x 1')).toThrow(/whole numbers/);
    expect(() => parseTransactionOrder('0 1 0 2')).toThrow(/twice/);
  });
});

describe('rw-register: Elle checker-test, the remaining cases', () => {
  it(`${RW} checker-test "G1c": explained as Elle's "writing files" case writes it`, () => {
    const r = checkRwRegister(history([rwOp('wx1ry1'), rwOp('wy1rx1')]), { consistencyModels: [], anomalies: ['G1'] });
    expect(verdict(r)).toEqual({ valid: false, types: ['G1c'], not: ['read-committed'] });
    expect(r.anomalies.get('G1c')![0]!.steps!.map((s) => s.text)).toEqual(['T0 wrote :x = 1, which was read by T1', 'T1 wrote :y = 1, which was read by T0']);
  });

  it(`${RW} checker-test "internal": empty-transaction-graph and internal, not read-atomic`, () => {
    const r = checkRwRegister(history([rwOp('rx1rx2')]), { consistencyModels: [], anomalies: ['internal'] });
    expect(verdict(r)).toEqual({ valid: false, types: ['empty-transaction-graph', 'internal'], not: ['read-atomic'] });
  });

  it(`${RW} lost-update-test: lost-update, not cursor-stability or update-atomic`, () => {
    const r = checkRwRegister(history([...pair(rwOp('rx0wx1', 'ok', 0)), ...pair(rwOp('rx0wx2', 'ok', 1))]), {});
    expect(verdict(r)).toEqual({ valid: false, types: ['lost-update'], not: ['cursor-stability', 'update-atomic'] });
  });
});

describe('rw-register: Elle internal-cases-test, g1a-cases-test, g1b-cases-test', () => {
  const types = (ops: TestOp[], anomalies: string[]): readonly string[] => checkRwRegister(history(ops), { consistencyModels: [], anomalies }).anomalyTypes;
  it(`${RW} internal-cases-test: good, stale, nil read`, () => {
    expect(types([rwOp('ry2wx2rx2wx1rx1')], ['internal'])).not.toContain('internal');
    const stale = checkRwRegister(history([rwOp('rx1wx2rx1')]), { consistencyModels: [], anomalies: ['internal'] });
    expect(stale.anomalies.get('internal')!.map((a) => a.text)).toEqual(['T0 read :x = 1 but expected 2 from its own earlier micro-ops']);
    const nil = checkRwRegister(history([rwOp('rx_rx2')]), { consistencyModels: [], anomalies: ['internal'] });
    expect(nil.anomalies.get('internal')!.map((a) => a.text)).toEqual(['T0 read :x = 2 but expected nil from its own earlier micro-ops']);
  });

  it(`${RW} g1a-cases-test: good, bad`, () => {
    expect(types([rwOp('wx1'), rwOp('rx1')], ['G1'])).not.toContain('G1a');
    expect(types([rwOp('rx2'), rwOp('wx2', 'fail')], ['G1'])).toContain('G1a');
  });

  it(`${RW} g1b-cases-test: good, bad`, () => {
    expect(types([rwOp('wx1wx2'), rwOp('rx_rx2')], ['G1'])).not.toContain('G1b');
    expect(types([rwOp('rx2'), rwOp('wx2wx1')], ['G1'])).toContain('G1b');
  });
});

describe('rw-register: Elle wr-graph-test, through the whole checker', () => {
  const check = (...txns: unknown[][][]): TxnCheckResult => checkRwRegister(history(txnPairs(...txns)), { consistencyModels: ['read-committed'] });
  it(`${RW} wr-graph-test "write and read": no dependency, so unknown (empty graph), never invalid`, () => {
    expect(check([[':w', ':x', 0]], [[':w', ':x', 0]]).valid).toBe('unknown');
  });
  it(`${RW} wr-graph-test "chain on one register" and "chain across two registers": G1c`, () => {
    expect(verdict(check([[':r', ':x', 0], [':w', ':x', 1]], [[':r', ':x', 1], [':w', ':x', 0]]))).toEqual({ valid: false, types: ['G1c'], not: ['read-committed'] });
    expect(verdict(check([[':r', ':x', 0], [':w', ':y', 1]], [[':r', ':y', 1], [':w', ':x', 0]]))).toEqual({ valid: false, types: ['G1c'], not: ['read-committed'] });
  });
  it(`${RW} wr-graph-test "write skew": no wr conflict, so read-committed holds`, () => {
    const r = checkRwRegister(history(txnPairs([[':r', ':x', 0], [':r', ':y', 0], [':w', ':x', 1]], [[':r', ':x', 0], [':r', ':y', 0], [':w', ':y', 1]])), { consistencyModels: ['read-committed'] });
    expect(r.valid).not.toBe(false);
  });
});
