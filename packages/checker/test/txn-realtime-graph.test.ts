import { describe, expect, it } from 'vitest';
import { DepGraphBuilder } from '../src/txn/graph/dep-graph.ts';
import { addProcessEdges, addRealtimeEdges } from '../src/txn/graph/order-edges.ts';
import { history, type TestOp } from './txn-support.ts';

// elle test/elle/core_test.clj realtime-graph-test and process-graph-test: the realtime order as a
// transitive reduction, and process order. Letters are transactions on processes 1..5; `a` is an
// invocation, `A` its completion.
const ORDER = (events: string): Record<string, string[]> => {
  const ops: TestOp[] = [...events].map((c) => ({ type: c === c.toLowerCase() ? 'invoke' : 'ok', process: c.toLowerCase().charCodeAt(0) - 96, value: [[':r', ':x', null]] }));
  const h = history(ops);
  const b = new DepGraphBuilder(h.txns.length);
  addRealtimeEdges(h, b);
  const g = b.build();
  const name = (id: number): string => String.fromCharCode(96 + h.txns[id]!.process);
  const out: Record<string, string[]> = {};
  for (let v = 0; v < g.n; v++) {
    const next: string[] = [];
    for (let e = g.start[v]!; e < g.start[v + 1]!; e++) next.push(name(g.dst[e]!));
    out[name(v)] = next.sort();
  }
  return g.edgeCount === 0 ? {} : out;
};

describe('realtime and process order: Elle core_test.clj', () => {
  it('realtime-graph-test: empty, single op, sequential, three in a row', () => {
    expect(ORDER('')).toEqual({});
    expect(ORDER('aA')).toEqual({});
    expect(ORDER('aAbB')).toEqual({ a: ['b'], b: [] });
    expect(ORDER('aAbBcC')).toEqual({ a: ['b'], b: ['c'], c: [] });
  });
  it('realtime-graph-test: one then two concurrent, two concurrent then one, two then two', () => {
    expect(ORDER('aAbcCB')).toEqual({ a: ['b', 'c'], b: [], c: [] });
    expect(ORDER('abABcC')).toEqual({ a: ['c'], b: ['c'], c: [] });
    expect(ORDER('abBAcdCD')).toEqual({ a: ['c', 'd'], b: ['c', 'd'], c: [], d: [] });
  });
  it('realtime-graph-test "complex": a transitive reduction', () => {
    expect(ORDER('aAbdBcDCeE')).toEqual({ a: ['b', 'd'], b: ['c'], c: ['e'], d: ['e'], e: [] });
  });
  it('process-graph-test: each transaction precedes its process\'s next (o1 -> o4, o2 -> o3)', () => {
    const h = history([1, 2, 2, 1].map((process, index): TestOp => ({ type: 'ok', process, index, value: [] })));
    const b = new DepGraphBuilder(h.txns.length);
    addProcessEdges(h, b);
    const g = b.build();
    expect([0, 1, 2, 3].map((v) => [...g.dst.subarray(g.start[v]!, g.start[v + 1]!)])).toEqual([[3], [2], [], []]);
  });
});
