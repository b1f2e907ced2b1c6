// The search's data structures: Wing & Gong's entry list (lift/unlift, Porcupine checker.go) and
// Lowe's configuration cache.
import { describe, expect, it } from 'vitest';
import { AddResult, ConfigCache } from '../src/check/config-cache.ts';
import { MemoryBudget } from '../src/check/memory-budget.ts';
import { OpList } from '../src/check/op-list.ts';
import { LinearizationSearch } from '../src/check/search.ts';
import { Slab } from '../src/check/slab.ts';
import type { Operation } from '../src/history/operation.ts';
import { kvModel } from '../src/models/kv.ts';
import { registerModel } from '../src/models/register.ts';

/** An entry list over ops given in call order. */
function listOf(ops: readonly { call: number; return: number; required: boolean }[]): OpList {
  return new OpList(
    Float64Array.from(ops, (op) => op.call),
    Float64Array.from(ops, (op) => op.return),
    Uint8Array.from(ops, (op) => (op.required ? 1 : 0)),
  );
}

function order(list: OpList): number[] {
  const nodes: number[] = [];
  for (let node = list.first(); node !== -1; node = list.next[node]!) nodes.push(node);
  return nodes;
}

describe('the entry list', () => {
  // ops: 0 = [0, 5], 1 = [1, 2], 2 = [3, ∞) (unknown: no return entry); returns are nodes 3 + i.
  const ops = [
    { call: 0, return: 5, required: true },
    { call: 1, return: 2, required: true },
    { call: 3, return: Infinity, required: false },
  ];

  it('orders calls and returns by time, with no return entry for an unknown op', () => {
    expect(order(listOf(ops))).toEqual([0, 1, 4, 2, 3]);
  });

  it('puts a call before a return at the same instant, so touching operations overlap', () => {
    const touching = listOf([
      { call: 0, return: 1, required: true },
      { call: 1, return: 2, required: true },
    ]);
    expect(order(touching)).toEqual([0, 1, 2, 3]);
  });

  it('orders returns by time, ties by call order, whether they come nearly sorted or nested', () => {
    // Nearly sorted (a few clients) takes the insertion sort; nested intervals (returns reversed,
    // n²/2 moves) make it give up part way and fall back to a full sort: both must give time order.
    const expected = (spec: { call: number; return: number }[]): number[] => {
      const byReturn = spec.map((_, i) => i).sort((a, b) => spec[a]!.return - spec[b]!.return || a - b);
      const nodes: number[] = [];
      let r = 0;
      spec.forEach((op, c) => {
        while (r < byReturn.length && spec[byReturn[r]!]!.return < op.call) nodes.push(spec.length + byReturn[r++]!);
        nodes.push(c);
      });
      while (r < byReturn.length) nodes.push(spec.length + byReturn[r++]!);
      return nodes;
    };
    const nearly = Array.from({ length: 300 }, (_, i) => ({ call: i, return: i + 1 + ((i * 7) % 5), required: true }));
    const nested = Array.from({ length: 300 }, (_, i) => ({ call: i, return: 1000 - i - (i % 3 === 0 ? 1 : 0), required: true }));
    for (const spec of [nearly, nested]) expect(order(listOf(spec))).toEqual(expected(spec));
  });

  it('restores the list exactly when lifts are undone in reverse order', () => {
    const list = listOf(ops);
    list.lift(1);
    expect(order(list)).toEqual([0, 2, 3]);
    list.lift(2);
    list.lift(0);
    expect(order(list)).toEqual([]);
    list.unlift(0);
    list.unlift(2);
    list.unlift(1);
    expect(order(list)).toEqual([0, 1, 4, 2, 3]);
  });

  it('reports the calls before the first remaining return as the frontier', () => {
    const list = listOf(ops);
    expect(list.frontier()).toEqual({ stuck: [0, 1], due: 1 });
  });
});

describe('the configuration cache', () => {
  // 40 ops: a frontier below 32 may reach into word 1; unknown ops have one word of their own.
  const lastWord = Int32Array.from({ length: 41 }, (_, f) => (f === 40 ? -1 : f < 32 ? 1 : 1));

  it('stores each (linearized set, state) once, telling apart frontiers, sets, unknown ops and states', () => {
    const cache = new ConfigCache(lastWord, 1, new MemoryBudget(Infinity));
    const words = new Uint32Array([0b111, 1 << 3]);
    const unknown = new Uint32Array([0]);
    expect(cache.add(3, 7, 1, words, unknown)).toBe(AddResult.Added);
    expect(cache.add(3, 7, 1, words, unknown)).toBe(AddResult.Present);
    expect(cache.add(3, 8, 1, words, unknown)).toBe(AddResult.Added); // same set, other state
    expect(cache.add(4, 7, 1, words, unknown)).toBe(AddResult.Added); // same bits, other frontier
    expect(cache.add(3, 7, 1, new Uint32Array([0b111, 1 << 4]), unknown)).toBe(AddResult.Added); // same hash, other set
    expect(cache.add(3, 7, 1, words, new Uint32Array([1]))).toBe(AddResult.Added); // another unknown op linearized
    expect(cache.size).toBe(5);
  });

  it('keeps every entry when it grows past its initial capacity', () => {
    const cache = new ConfigCache(lastWord, 0, new MemoryBudget(Infinity));
    const words = new Uint32Array(2);
    const none = new Uint32Array(0);
    for (let state = 0; state < 3000; state++) expect(cache.add(state % 32, state, state % 7, words, none)).toBe(AddResult.Added);
    for (let state = 0; state < 3000; state++) expect(cache.add(state % 32, state, state % 7, words, none)).toBe(AddResult.Present);
    expect(cache.size).toBe(3000);
  });

  it('refuses to grow past its memory budget, and gives the memory back when disposed', () => {
    const budget = new MemoryBudget(64 * 1024);
    const cache = new ConfigCache(lastWord, 0, budget);
    const words = new Uint32Array(2);
    const none = new Uint32Array(0);
    let state = 0;
    while (cache.add(0, state, state, words, none) === AddResult.Added) state++;
    expect(cache.add(0, state, state, words, none)).toBe(AddResult.OutOfMemory);
    expect(budget.used).toBeLessThanOrEqual(64 * 1024);
    expect(state).toBeGreaterThan(500);
    cache.dispose();
    expect(budget.used).toBe(0);
  });
});

describe('the state table', () => {
  it('ends the search out of memory, naming the state table, once it holds its most states', () => {
    // Sequential appends: every op makes a new state, so a table of 5 fills on the 5th append.
    const ops = Array.from({ length: 8 }, (_, i) => ({
      call: 2 * i,
      return: 2 * i + 1,
      required: true,
      input: { f: 'append' as const, value: `v${i}` },
      output: { kind: 'done' as const },
    }));
    const budget = new MemoryBudget(Infinity);
    const full = new LinearizationSearch(kvModel, ops, budget, 5).run(1000);
    expect(full).toMatchObject({ kind: 'out-of-memory', limit: 'states' });
    expect(budget.used).toBe(0);
    expect(new LinearizationSearch(kvModel, ops, new MemoryBudget(Infinity), 9).run(1000)?.kind).toBe('linearizable');
  });
});

describe('the slab', () => {
  it('hands out zeroed views even when it reuses a released buffer, and refuses to overrun its layout', () => {
    const first = new Slab(Slab.bytes([10, 4]));
    first.int32(10).fill(7);
    first.release();
    first.release(); // a second release must not put the buffer in the pool twice
    const a = new Slab(Slab.bytes([10, 4]));
    const b = new Slab(Slab.bytes([10, 4]));
    const va = a.int32(10);
    expect([...va]).toEqual(new Array(10).fill(0));
    b.int32(10).fill(9);
    expect([...va]).toEqual(new Array(10).fill(0)); // a and b do not share the released buffer
    expect(() => a.int32(1)).toThrow(RangeError);
  });
});

describe('the order candidates are tried in', () => {
  it('places a called read that fits the state before the writes called ahead of it', () => {
    // write(1) [0, 10] is called first, read() → nil [1, 2] must go before it. Tried in call
    // order, the write goes first, the read's return is a dead end, and the search backs up (3
    // configurations); read first, the linearization read, write is found straight away (2).
    const prepared = (op: Operation) => ({ ...registerModel.prepare(op)!, call: op.call, return: op.return, required: true });
    const ops = [
      prepared({ id: 0, process: 0, key: undefined, f: 'write', input: 1, output: 1, call: 0, return: 10, status: 'ok' }),
      prepared({ id: 1, process: 1, key: undefined, f: 'read', input: null, output: null, call: 1, return: 2, status: 'ok' }),
    ];
    const outcome = new LinearizationSearch(registerModel, ops, new MemoryBudget(Infinity)).run(1000);
    expect(outcome).toMatchObject({ kind: 'linearizable', order: [1, 0], explored: 2 });
  });
});
