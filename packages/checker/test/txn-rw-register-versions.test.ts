import { describe, expect, it } from 'vitest';
import { checkRwRegister } from '../src/txn/rw-register/check.ts';
import { history, pair, rwOp, type TestOp } from './txn-support.ts';

// Elle's rw-register version-order tests (jepsen-io/elle test/elle/rw_register_test.clj).
const RW = 'elle test/elle/rw_register_test.clj';
const seq = (...ops: TestOp[]): TestOp[] => ops.flatMap((o) => pair(o));
const cyclic = (r: ReturnType<typeof checkRwRegister>): unknown =>
  (r.anomalies.get('cyclic-versions') ?? []).map((a) => { const c = a as unknown as { key: unknown; scc: unknown; sources: unknown }; return { key: c.key, scc: c.scc, sources: c.sources }; });

describe('rw-register: version orders from key assumptions', () => {
  it(`${RW} checker-test "Read doesn't return what was just been written": linearizable keys, still valid (Elle's TODO)`, () => {
    const r = checkRwRegister(history(seq(rwOp('wx1'), rwOp('rx2'))), { consistencyModels: ['strict-serializable'], linearizableKeys: true });
    expect(r.valid).toBe(true);
  });

  it(`${RW} checker-test "Read read returns what was just been written": cyclic-versions over {1 2}`, () => {
    const r = checkRwRegister(history(seq(rwOp('wx1'), rwOp('rx2'), rwOp('rx1'))), { consistencyModels: ['strict-serializable'], linearizableKeys: true });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['cyclic-versions'], not: ['read-uncommitted'] });
    expect(cyclic(r)).toEqual([{ key: ':x', scc: [1, 2], sources: ['initial-state', 'linearizable-keys'] }]);
  });

  it(`${RW} checker-test "G0": sequential keys reveal the write cycle`, () => {
    const h = history(seq(rwOp('wx1wy2', 'ok', 0), rwOp('wx2wy1', 'ok', 1), rwOp('rx2', 'ok', 0), rwOp('ry2', 'ok', 1)));
    const r = checkRwRegister(h, { consistencyModels: [], anomalies: ['G0'], sequentialKeys: true });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['G0'], not: ['read-uncommitted'] });
    const steps = r.anomalies.get('G0')![0]!.steps!.map((s) => s.text);
    expect(steps).toEqual([
      'T1 set key :x to 1, and T3 set it to 2, which came later in the version order',
      'T3 set key :y to 1, and T1 set it to 2, which came later in the version order',
    ]);
  });

  it(`${RW} scc-sort-bug-test: cycles {nil 1} and {3 4}, G1c-realtime`, () => {
    const h = history(seq(rwOp('rx1'), rwOp('rx_'), rwOp('rx4wx3'), rwOp('wx4')));
    const r = checkRwRegister(h, { consistencyModels: ['strong-serializable'], wfrKeys: true, linearizableKeys: true });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['G1c-realtime', 'cyclic-versions'], not: ['read-uncommitted'] });
    const all = ['initial-state', 'wfr-keys', 'linearizable-keys'];
    expect(cyclic(r)).toEqual([{ key: ':x', scc: [null, 1], sources: all }, { key: ':x', scc: [3, 4], sources: all }]);
  });

  it(`${RW} cyclic-versions-bug-test: no false version cycle`, () => {
    const ev = (index: number, type: TestOp['type'], process: number, value: unknown[][]): TestOp => ({ index, type, process, value });
    const h = history([
      ev(1, 'invoke', 0, []), ev(2, 'ok', 0, []), ev(3, 'invoke', 0, [[':r', 1, null]]), ev(4, 'invoke', 1, [[':w', 1, 4]]), ev(5, 'invoke', 2, []),
      ev(320, 'ok', 0, [[':r', 1, null]]), ev(322, 'ok', 1, [[':w', 1, 4]]), ev(323, 'ok', 2, []), ev(324, 'invoke', 0, []), ev(325, 'ok', 0, []),
      ev(326, 'invoke', 0, [[':r', 1, null]]), ev(327, 'ok', 0, [[':r', 1, 4]]),
    ]);
    const r = checkRwRegister(h, { consistencyModels: ['serializable'], linearizableKeys: true });
    expect(r.valid).toBe(true);
  });

  it('a read of a never-written key returning nil is the initial version, not garbage', () => {
    const r = checkRwRegister(history(seq(rwOp('rx_', 'ok', 0), rwOp('wy1', 'ok', 1), rwOp('ry1rz_', 'ok', 0))), { consistencyModels: ['strict-serializable'], linearizableKeys: true, sequentialKeys: true, wfrKeys: true });
    expect({ valid: r.valid, types: r.anomalyTypes }).toEqual({ valid: true, types: [] });
  });

  it('sequential keys: a process reading an older version after a newer one is cyclic-versions', () => {
    const r = checkRwRegister(history(seq(rwOp('wx1', 'ok', 1), rwOp('wx2', 'ok', 1), rwOp('rx2', 'ok', 0), rwOp('rx1', 'ok', 0))), { consistencyModels: ['serializable'], sequentialKeys: true });
    expect(r.anomalyTypes).toEqual(['cyclic-versions']);
    expect(cyclic(r)).toEqual([{ key: ':x', scc: [1, 2], sources: ['initial-state', 'sequential-keys'] }]);
  });

  it(`${RW} checker-test "initial state": nil before every value gives G-single-item`, () => {
    const [t1, t1c] = pair(rwOp('rx_ry1')); const [t2, t2c] = pair(rwOp('wy1wx2'));
    const r = checkRwRegister(history([t1, t2, t2c, t1c]), { consistencyModels: ['serializable'] });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['G-single-item'], not: ['consistent-view', 'repeatable-read'] });
  });

  it(`${RW} checker-test "wfr": valid without wfr-keys, G-single-item with it`, () => {
    const h = history([rwOp('ry1wx1wy2'), rwOp('rx1ry1')]);
    expect(checkRwRegister(h, { consistencyModels: ['serializable'] }).valid).toBe(true);
    const r = checkRwRegister(h, { consistencyModels: ['serializable'], wfrKeys: true });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['G-single-item'], not: ['consistent-view', 'repeatable-read'] });
  });

  it(`${RW} checker-test "cyclic version order": sequential keys`, () => {
    const r = checkRwRegister(history(seq(rwOp('wx1'), rwOp('wx2'), rwOp('rx1'))), { sequentialKeys: true });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['cyclic-versions'], not: ['read-uncommitted'] });
    expect(cyclic(r)).toEqual([{ key: ':x', scc: [1, 2], sources: ['initial-state', 'sequential-keys'] }]);
  });

  it(`${RW} checker-test "G2-item": linearizable keys; read-committed allows it (Elle asserts only that; the serializable row is ours)`, () => {
    const [t1, t1c] = pair(rwOp('rx1ry1', 'ok', 0)); const [t2, t2c] = pair(rwOp('rx1wy2', 'ok', 1)); const [t3, t3c] = pair(rwOp('ry1wx2', 'ok', 2));
    const h = history([t1, t1c, t2, t3, t3c, t2c]);
    expect(checkRwRegister(h, { consistencyModels: ['read-committed'], linearizableKeys: true }).valid).toBe(true);
    const r = checkRwRegister(h, { consistencyModels: ['serializable'], linearizableKeys: true });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['G2-item'], not: ['repeatable-read'] });
  });
});
