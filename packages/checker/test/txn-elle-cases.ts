import type { TxnExpectations } from '../src/txn/result.ts';
import { history, op, pair, type TestOp } from './txn-support.ts';
import type { TxnHistory } from '../src/txn/history/txn.ts';

/** One of Elle's own test histories, rewritten as data, with what Elle's test expects. */
export interface ElleCase {
  /** The Elle test it comes from: file, deftest, testing. */
  readonly source: string;
  readonly history: TxnHistory;
  readonly opts: TxnExpectations;
  readonly valid: true | false | 'unknown';
  readonly types: readonly string[];
  /** Expected `:not`, when the test states it. */
  readonly not?: readonly string[];
}

const only = (...anomalies: string[]): TxnExpectations => ({ consistencyModels: [], anomalies });
const models = (...consistencyModels: string[]): TxnExpectations => ({ consistencyModels });
const flat = (ps: [TestOp, TestOp][]): TestOp[] => ps.flat();
const seq = (...ops: TestOp[]): TestOp[] => ops;
const inv = (process: number, index: number, value: unknown[][], type: TestOp['type'] = 'invoke'): TestOp => ({ type, process, index, value });

const LA = 'elle test/elle/list_append_test.clj';

const g0 = history(seq(op('ax1ay1'), op('ax2ay2'), op('rx12ry21')));
const g1a = history(seq({ type: 'fail', process: 0, value: [[':append', ':x', 1]] }, op('rx1')));
const g1b = (() => { const [t1, t1b] = pair(op('ax1ax2')); const [t2, t2b] = pair(op('rx1')); return history([t1, t1b, t2, t2b]); })();
const g1c = history(seq(op('ax1ry1'), op('ax2ay1'), op('rx12ry1')));
const gSingle = history(seq(op('ax1ay1'), op('ax2ry'), op('rx12')));
const g2 = history(seq(op('ax1ry'), op('ay1rx')));
const strongSi = history([
  inv(0, 0, [[':append', ':x', 1]]), inv(0, 1, [[':append', ':x', 1]], 'ok'),
  inv(1, 2, [[':append', ':x', 2]]), inv(1, 3, [[':append', ':x', 2]], 'ok'),
  inv(2, 4, [[':r', ':x', null]]), inv(2, 5, [[':r', ':x', [1]]], 'ok'),
  inv(3, 6, [[':r', ':x', null]]), inv(3, 7, [[':r', ':x', [1, 2]]], 'ok'),
]);
const strongSessionSi = history([
  inv(0, 0, [[':append', ':x', 1]]), inv(0, 1, [[':append', ':x', 1]], 'ok'),
  inv(1, 2, [[':append', ':x', 2]]), inv(1, 3, [[':append', ':x', 2]], 'ok'),
  inv(1, 4, [[':r', ':x', null]]), inv(1, 5, [[':r', ':x', [1]]], 'ok'),
  inv(2, 6, [[':r', ':x', null]]), inv(2, 7, [[':r', ':x', [1, 2]]], 'ok'),
]);
const gNonadjProcess = history([
  inv(0, 0, [[':r', ':x', null], [':r', ':z', null]]), inv(0, 1, [[':r', ':x', null], [':r', ':z', [1]]], 'ok'),
  inv(1, 2, [[':append', ':x', 1]]), inv(1, 3, [[':append', ':x', 1]], 'ok'),
  inv(1, 4, [[':r', ':z', null]]), inv(1, 5, [[':r', ':z', null]], 'ok'),
  inv(2, 6, [[':append', ':z', 1]]), inv(2, 7, [[':append', ':z', 1]], 'ok'),
]);
const contradictory = history(seq(op('ax1ry1'), op('ax2'), op('ax3ay1'), op('rx13'), op('rx123')));
const dirtyNone = history(seq(op('ax1', 'fail', 0)));
const dirtyDirect = history(seq(op('ax1', 'fail', 0), op('ax2', 'ok', 1), op('rx12', 'ok', 2)));
const dirtyIndirect = history(seq(op('ax1', 'fail', 0), op('ax2', 'info', 1), op('ax3', 'ok', 2), op('rx123', 'ok', 3)));
const duplicated = history(seq(op('ax1ry1'), op('ax2ay1'), op('rx121')));
const internal = history(seq(op('ax1ax2ax4'), op('ax3rx1234')));
const unobserved = (() => {
  const [w1, w1b] = pair(op('ax1ay1')); const [w2, w2b] = pair(op('ax2ay2')); const [w3, w3b] = pair(op('ax3ay3'));
  const [rx, rxb] = pair(op('rx12')); const [ry, ryb] = pair(op('ry2'));
  return history([w1, w2, w3, rx, ry, w1b, w2b, w3b, rxb, ryb]);
})();
const rr = history(seq(op('rxay1'), op('ryax1')));
const gNonadj = history(flat([pair(op('ax1')), pair(op('rx1ry')), pair(op('ay1')), pair(op('ry1rx'))]));
const gNonadjAdjacent = history(flat([pair(op('rx5ay1')), pair(op('ryaz2')), pair(op('rzat3')), pair(op('rt3au4')), pair(op('ruax5'))]));
const lostUpdate = history(flat([pair(op('ax0')), pair(op('rx0ax1')), pair(op('rx0ax2'))]));
const doubleWrite = history(flat([pair(op('rxax1ax2')), pair(op('rx12'))]));
const wrProcess = history([
  inv(1, 0, [[':r', ':x'], [':append', ':y', 1]]), inv(1, 1, [[':r', ':x', [1]], [':append', ':y', 1]], 'ok'),
  inv(2, 2, [[':r', ':y']]), inv(2, 3, [[':r', ':y', [1]]], 'ok'),
  inv(2, 4, [[':append', ':x', 1]]), inv(2, 5, [[':append', ':x', 1]], 'ok'),
]);
const rrGSingle = history(flat([pair(op('ax1ay1')), pair(op('rx1ry'))]));
const rrGNonadj = history(flat(['ax1at1', 'rx1ry', 'ay1az2', 'rz2rt'].map((s) => pair(op(s)))));
const futureRead = history([inv(0, 0, [[':r', ':x', [1]], [':append', ':x', 1]]), inv(0, 1, [[':r', ':x', [1]], [':append', ':x', 1]], 'ok')]);

/** Elle's list-append checker tests, each expectation as its test states it. */
export const LIST_APPEND_CASES: readonly ElleCase[] = [
  { source: `${LA} checker-test "G0", :anomalies [:G0]`, history: g0, opts: only('G0'), valid: false, types: ['G0'], not: ['read-uncommitted'] },
  { source: `${LA} checker-test "G0", :anomalies [:G1]`, history: g0, opts: only('G1'), valid: false, types: ['G0'], not: ['read-uncommitted'] },
  { source: `${LA} checker-test "G0", :anomalies [:G2]`, history: g0, opts: only('G2'), valid: true, types: [] },
  { source: `${LA} checker-test "G1a", read-uncommitted`, history: g1a, opts: models('read-uncommitted'), valid: 'unknown', types: ['empty-transaction-graph'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1a", read-committed`, history: g1a, opts: models('read-committed'), valid: false, types: ['G1a', 'empty-transaction-graph'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1a", :anomalies [:G2]`, history: g1a, opts: only('G2'), valid: 'unknown', types: ['empty-transaction-graph'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1a", repeatable-read`, history: g1a, opts: models('repeatable-read'), valid: false, types: ['G1a', 'empty-transaction-graph'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1b", :anomalies [:G0]`, history: g1b, opts: only('G0'), valid: true, types: [] },
  { source: `${LA} checker-test "G1b", :anomalies [:G1]`, history: g1b, opts: only('G1'), valid: false, types: ['G1b'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1b", :anomalies [:G2]`, history: g1b, opts: only('G2'), valid: false, types: ['G-single-item'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1b", strict-serializable`, history: g1b, opts: models('strict-serializable'), valid: false, types: ['G-single-item', 'G1b'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1c", :anomalies [:G0]`, history: g1c, opts: only('G0'), valid: true, types: [] },
  { source: `${LA} checker-test "G1c", :anomalies [:G1]`, history: g1c, opts: only('G1'), valid: false, types: ['G1c'], not: ['read-committed'] },
  { source: `${LA} checker-test "G1c", :anomalies [:G2]`, history: g1c, opts: only('G2'), valid: true, types: [] },
  { source: `${LA} checker-test "G-single", :anomalies [:G0]`, history: gSingle, opts: only('G0'), valid: true, types: [] },
  { source: `${LA} checker-test "G-single", :anomalies [:G1]`, history: gSingle, opts: only('G1'), valid: true, types: [] },
  { source: `${LA} checker-test "G-single", :anomalies [:G-single]`, history: gSingle, opts: only('G-single'), valid: false, types: ['G-single-item'], not: ['consistent-view', 'repeatable-read'] },
  { source: `${LA} checker-test "G-single", :anomalies [:G2]`, history: gSingle, opts: only('G2'), valid: false, types: ['G-single-item'], not: ['consistent-view', 'repeatable-read'] },
  { source: `${LA} checker-test "G2", :anomalies [:G0]`, history: g2, opts: only('G0'), valid: true, types: [] },
  { source: `${LA} checker-test "G2", :anomalies [:G1]`, history: g2, opts: only('G1'), valid: true, types: [] },
  { source: `${LA} checker-test "G2", read-committed`, history: g2, opts: models('read-committed'), valid: true, types: [] },
  { source: `${LA} checker-test "G2", :anomalies [:G2]`, history: g2, opts: only('G2'), valid: false, types: ['G2-item'], not: ['repeatable-read'] },
  { source: `${LA} checker-test "G2", serializable`, history: g2, opts: models('serializable'), valid: false, types: ['G2-item'], not: ['repeatable-read'] },
  { source: `${LA} checker-test "G2", repeatable-read`, history: g2, opts: models('repeatable-read'), valid: false, types: ['G2-item'], not: ['repeatable-read'] },
  { source: `${LA} checker-test "Strong SI violation", :anomalies [:G2]`, history: strongSi, opts: only('G2'), valid: true, types: [] },
  { source: `${LA} checker-test "Strong SI violation", serializable`, history: strongSi, opts: models('serializable'), valid: true, types: [] },
  { source: `${LA} checker-test "Strong SI violation", strict-serializable`, history: strongSi, opts: models('strict-serializable'), valid: false, types: ['G-single-item-realtime'], not: ['strong-snapshot-isolation'] },
  { source: `${LA} checker-test "Strong Session SI violation", serializable`, history: strongSessionSi, opts: models('serializable'), valid: true, types: [] },
  { source: `${LA} checker-test "Strong Session SI violation", strong-session-SI`, history: strongSessionSi, opts: models('strong-session-snapshot-isolation'), valid: false, types: ['G-single-item-process'], not: ['strong-session-snapshot-isolation'] },
  { source: `${LA} checker-test "G-nonadjacent-process", serializable`, history: gNonadjProcess, opts: models('serializable'), valid: true, types: [] },
  { source: `${LA} checker-test "G-nonadjacent-process", strong-session-SI`, history: gNonadjProcess, opts: models('strong-session-snapshot-isolation'), valid: false, types: ['G-nonadjacent-item-process'], not: ['strong-session-snapshot-isolation'] },
  { source: `${LA} checker-test "contradictory read orders"`, history: contradictory, opts: only('G1'), valid: false, types: ['G1c', 'incompatible-order'], not: ['read-committed'] },
  { source: `${LA} checker-test "dirty update" "none"`, history: dirtyNone, opts: only('dirty-update'), valid: 'unknown', types: ['empty-transaction-graph'], not: [] },
  { source: `${LA} checker-test "dirty update" "direct"`, history: dirtyDirect, opts: only('dirty-update'), valid: false, types: ['dirty-update'], not: ['read-committed'] },
  { source: `${LA} checker-test "dirty update" "indirect"`, history: dirtyIndirect, opts: only('dirty-update'), valid: false, types: ['dirty-update'], not: ['read-committed'] },
  { source: `${LA} checker-test "duplicated elements"`, history: duplicated, opts: models('read-committed'), valid: false, types: ['G1c', 'duplicate-elements'], not: ['read-uncommitted'] },
  { source: `${LA} checker-test "internal consistency violation"`, history: internal, opts: only('internal'), valid: false, types: ['internal'], not: ['read-uncommitted'] },
  { source: `${LA} unobserved-write-test`, history: unobserved, opts: models('serializable'), valid: false, types: ['G-single-item', 'G0'], not: ['read-uncommitted'] },
  { source: `${LA} repeatable-read-test, read-committed`, history: rr, opts: models('read-committed'), valid: true, types: [] },
  { source: `${LA} repeatable-read-test, repeatable-read`, history: rr, opts: models('repeatable-read'), valid: false, types: ['G2-item'], not: ['repeatable-read'] },
  { source: `${LA} G-nonadjacent-test`, history: gNonadj, opts: {}, valid: false, types: ['G-nonadjacent-item'], not: ['repeatable-read', 'snapshot-isolation'] },
  { source: `${LA} G-nonadjacent-test, adjacent rw edges`, history: gNonadjAdjacent, opts: models('snapshot-isolation'), valid: true, types: [] },
  { source: `${LA} lost-update-test`, history: lostUpdate, opts: {}, valid: false, types: ['G2-item', 'lost-update'], not: ['cursor-stability', 'update-atomic'] },
  { source: `${LA} lost-update-test "one txn, double write"`, history: doubleWrite, opts: {}, valid: true, types: [] },
  { source: `${LA} wr-process-test`, history: wrProcess, opts: models('strong-session-snapshot-isolation'), valid: false, types: ['G1c-process'], not: ['strong-session-read-committed'] },
  { source: `${LA} rr-g-single-item-test`, history: rrGSingle, opts: models('repeatable-read'), valid: false, types: ['G-single-item'], not: ['consistent-view', 'repeatable-read'] },
  { source: `${LA} rr-g-nonadjacent-item-test`, history: rrGNonadj, opts: models('repeatable-read'), valid: false, types: ['G-nonadjacent-item'], not: ['repeatable-read', 'snapshot-isolation'] },
  { source: `${LA} future-read-test`, history: futureRead, opts: models('read-committed'), valid: false, types: ['empty-transaction-graph', 'future-read'], not: ['read-committed'] },
];

