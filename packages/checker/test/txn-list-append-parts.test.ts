import { describe, expect, it } from 'vitest';
import { type AnomalyMap } from '../src/txn/anomaly.ts';
import { DepGraphBuilder } from '../src/txn/graph/dep-graph.ts';
import { RW, WR, WW } from '../src/txn/graph/rels.ts';
import { g1aCases, g1bCases, internalCases, verifyListAppend } from '../src/txn/list-append/anomalies.ts';
import { checkListAppend } from '../src/txn/list-append/check.ts';
import { addListAppendEdges } from '../src/txn/list-append/graph.ts';
import { buildIndexes } from '../src/txn/list-append/indexes.ts';
import { history, op, pair, type TestOp } from './txn-support.ts';

// Elle's list-append unit tests (jepsen-io/elle test/elle/list_append_test.clj ww-graph-test,
// wr-graph-test, graph-test, g1a-cases-test, g1b-cases-test, internal-cases-test): each history
// as the test writes it, and the edges or cases it expects.
const LA = 'elle test/elle/list_append_test.clj';

/** The dependency graph of `ops` restricted to `rels`, as {name: [successor names]} with names from `names`. */
function graph(names: readonly string[], ops: readonly TestOp[], rels = WW | WR | RW): Record<string, string[]> {
  const h = history(ops);
  const b = new DepGraphBuilder(h.txns.length);
  addListAppendEdges(h.txns, buildIndexes(h.txns), b);
  const g = b.build();
  const out: Record<string, string[]> = {};
  for (let a = 0; a < g.n; a++) {
    const next: string[] = [];
    for (let e = g.start[a]!; e < g.start[a + 1]!; e++) if ((g.bits[e]! & rels) !== 0) next.push(names[g.dst[e]!]!);
    if (next.length > 0 || (out[names[a]!] === undefined && [...Array(g.n).keys()].some((x) => x !== a))) out[names[a]!] = next.sort();
  }
  // Elle's `g/->clj` lists every vertex with an edge in or out; drop the rest.
  const touched = new Set(Object.entries(out).flatMap(([k, v]) => (v.length > 0 ? [k, ...v] : [])));
  return Object.fromEntries(Object.entries(out).filter(([k]) => touched.has(k)));
}

/** `op` strings by name: `g('ax1', 'rx1')` builds a history of those transactions. */
const g = (...ss: string[]): Record<string, string[]> => graph(ss, ss.map((s) => op(s)));
const cases = (f: (txns: ReturnType<typeof history>['txns'], out: AnomalyMap) => void, ops: TestOp[]): Record<string, string[]> => {
  const out: AnomalyMap = new Map();
  f(history(ops).txns, out);
  return Object.fromEntries([...out].map(([t, l]) => [t, l.map((a) => a.text)]));
};

describe('list-append: Elle ww-graph-test, wr-graph-test', () => {
  it(`${LA} ww-graph-test "write-write": T1 -> T2 only (the read adds no ww)`, () => {
    expect(graph(['t1', 't2', 't3'], [op('ax1'), op('ax2'), op('rx12')], WW)).toEqual({ t1: ['t2'], t2: [] });
  });
  it(`${LA} wr-graph-test "basic read"`, () => {
    expect(graph(['t1', 't2', 't3', 't4'], [op('ax1'), op('rx1'), op('ax2'), op('rx12')], WR)).toEqual({ t1: ['t2'], t2: [], t3: ['t4'], t4: [] });
  });
});

describe('list-append: Elle graph-test', () => {
  it(`${LA} graph-test "empty history", "one append", "empty read"`, () => {
    expect(g()).toEqual({});
    expect(g('ax1')).toEqual({});
    expect(g('rx')).toEqual({});
  });
  it(`${LA} graph-test "one append one read"`, () => expect(g('ax1', 'rx1')).toEqual({ ax1: ['rx1'], rx1: [] }));
  it(`${LA} graph-test "read empty, append, read" (anti-dependency)`, () => expect(g('rx', 'ax1', 'rx1')).toEqual({ rx: ['ax1'], ax1: ['rx1'], rx1: [] }));
  it(`${LA} graph-test "append, append, read" (write dependency)`, () => expect(g('ax2', 'ax1', 'rx12')).toEqual({ ax1: ['ax2'], ax2: ['rx12'], rx12: [] }));
  it(`${LA} graph-test "serializable figure 3 from Adya, Liskov, O'Neil"`, () => {
    expect(g('az1ax1ay1', 'rx1ay2', 'ry12az3', 'rz13')).toEqual({ az1ax1ay1: ['rx1ay2', 'ry12az3'], rx1ay2: ['ry12az3'], ry12az3: ['rz13'], rz13: [] });
  });
  it(`${LA} graph-test "G0: write cycle"`, () => expect(g('ax1ay1', 'ax2ay2', 'rx12ry21')).toEqual({ ax1ay1: ['ax2ay2', 'rx12ry21'], ax2ay2: ['ax1ay1', 'rx12ry21'], rx12ry21: [] }));
  it(`${LA} graph-test "G1c: circular information flow"`, () => expect(g('ax1ry1', 'ax2ay1', 'rx12')).toEqual({ ax1ry1: ['ax2ay1'], ax2ay1: ['ax1ry1', 'rx12'], rx12: [] }));
  it(`${LA} graph-test "G2: anti-dependency cycle", and its explanation`, () => {
    expect(g('rxay1', 'ryax1', 'rx1ry1')).toEqual({ rxay1: ['rx1ry1', 'ryax1'], ryax1: ['rx1ry1', 'rxay1'], rx1ry1: [] });
    const r = checkListAppend(history([op('rxay1'), op('ryax1'), op('rx1ry1')]), { consistencyModels: ['serializable'] });
    expect(r.anomalyTypes).toEqual(['G2-item']);
    expect(r.anomalies.get('G2-item')![0]!.steps!.map((s) => s.text).sort()).toEqual([
      'T0 observed the initial (nil) state of :x, which T1 created by appending 1',
      'T1 observed the initial (nil) state of :y, which T0 created by appending 1',
    ]);
  });
  it(`${LA} graph-test "info reads": a crashed read of nil orders nothing`, () => {
    const ops: TestOp[] = [{ type: 'info', value: [[':append', ':x', 2], [':r', ':y', null]] }, op('ax1ay1'), op('rx12ry1')];
    expect(graph(['t1', 't2', 't3'], ops)).toEqual({ t1: ['t3'], t2: ['t1', 't3'], t3: [] });
  });
  it(`${LA} graph-test "single appends without reads", "multiple appends without reads"`, () => {
    expect(g('rx', 'ax1')).toEqual({ rx: ['ax1'], ax1: [] });
    expect(g('rx', 'ax1', 'ax2')).toEqual({ rx: ['ax1', 'ax2'], ax1: [], ax2: [] });
  });
  it(`${LA} graph-test "duplicate inserts attempts": refused as duplicate-appends, naming the key and value`, () => {
    const h = history([{ type: 'invoke', value: [[':append', ':x', 1], [':r', ':y', null]] }, { type: 'invoke', value: [[':append', ':y', 2], [':append', ':x', 1]] }]);
    expect(() => verifyListAppend(h.txns, h.dangling)).toThrow(/value 1 appended to key :x multiple times \(again by an invocation that never completed\)/);
    const r = checkListAppend(h, {});
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/duplicate-appends/);
  });
});

describe('list-append: Elle g1a-cases-test, g1b-cases-test', () => {
  it(`${LA} g1a-cases-test: empty, valid and invalid reads`, () => {
    expect(cases(g1aCases, [])).toEqual({});
    const r = cases(g1aCases, [op('rx1ax2'), op('rx12ry3'), { type: 'fail', value: [[':append', ':x', 1]] }]);
    expect(r['G1a']).toHaveLength(2);
    expect(r['G1a']!.every((t) => /T2/.test(t))).toBe(true);
  });
  it(`${LA} g1b-cases-test: empty, valid and invalid reads, internal reads`, () => {
    expect(cases(g1bCases, [])).toEqual({});
    const r = cases(g1bCases, [op('rx1'), op('rx12ry3'), op('ax1ax2'), op('rx123')]);
    expect(r['G1b']).toHaveLength(1);
    expect(r['G1b']![0]).toMatch(/^T0 /);
    expect(cases(g1bCases, [op('ax1rx1ax2')])).toEqual({});
  });
});

describe('list-append: Elle internal-cases-test', () => {
  const internal = (ops: TestOp[]): Record<string, string[]> => cases(internalCases, ops);
  it(`${LA} internal-cases-test "empty", "good"`, () => {
    expect(internal([])).toEqual({});
    expect(internal([{ type: 'ok', value: [[':r', ':y', [5, 6]], [':append', ':x', 3], [':r', ':x', [1, 2, 3]], [':append', ':x', 4], [':r', ':x', [1, 2, 3, 4]]] }])).toEqual({});
  });
  it(`${LA} internal-cases-test "read nil, then something"`, () => {
    expect(internal(pair(op('rxrx2')))).toEqual({ internal: ['T1 read :x = [2] but expected [] from its own earlier micro-ops'] });
  });
  it(`${LA} internal-cases-test "read-append-read": stale, bad prefix, extension, short read`, () => {
    const rar = (last: number[]): TestOp => ({ type: 'ok', value: [[':r', ':x', [1, 2]], [':append', ':x', 3], [':r', ':x', last]] });
    const r = internal([rar([1, 2]), rar([0, 2, 3]), rar([1, 2, 3, 4]), rar([1])]);
    expect(r['internal']).toEqual([[1, 2], [0, 2, 3], [1, 2, 3, 4], [1]].map((v, i) => `T${i} read :x = [${v.join(' ')}] but expected [1 2 3] from its own earlier micro-ops`));
  });
  it(`${LA} internal-cases-test "append-read": disagreement, short read`, () => {
    const r = internal([{ type: 'ok', value: [[':append', ':x', 3], [':r', ':x', [1, 2, 3, 4]]] }, { type: 'ok', value: [[':append', ':x', 3], [':r', ':x', []]] }]);
    expect(r['internal']).toEqual(['T0 read :x = [1 2 3 4] but expected [... 3] from its own earlier micro-ops', 'T1 read :x = [] but expected [... 3] from its own earlier micro-ops']);
  });
  it(`${LA} internal-cases-test "FaunaDB example": an append then a read of nil`, () => {
    const r = internal([{ type: 'invoke', process: 1, index: 20, value: [[':append', 0, 6], [':r', 0, null]] }, { type: 'ok', process: 1, index: 21, value: [[':append', 0, 6], [':r', 0, null]] }]);
    expect(r).toEqual({ internal: ['T21 read 0 = nil but expected [... 6] from its own earlier micro-ops'] });
  });
  it(`${LA} internal-cases-test "future read external", "future read internal"`, () => {
    expect(Object.keys(internal(pair(op('rx012ax1'))))).toEqual(['future-read']);
    const r = internal(pair(op('ax1rx01ax0ax3')));
    expect(r).toEqual({ 'future-read': ['T1 read :x = [0 1], including 0, which it appends later'] });
  });
});
