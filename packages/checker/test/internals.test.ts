// The search's data structures: Wing & Gong's entry list (lift/unlift, Porcupine checker.go) and
// Lowe's configuration cache.
import { describe, expect, it } from 'vitest';
import { Bitset } from '../src/check/bitset.ts';
import { ConfigCache } from '../src/check/config-cache.ts';
import { OpList } from '../src/check/op-list.ts';

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
    expect(order(new OpList(ops))).toEqual([0, 1, 4, 2, 3]);
  });

  it('puts a call before a return at the same instant, so touching operations overlap', () => {
    const touching = new OpList([
      { call: 0, return: 1, required: true },
      { call: 1, return: 2, required: true },
    ]);
    expect(order(touching)).toEqual([0, 1, 2, 3]);
  });

  it('restores the list exactly when lifts are undone in reverse order', () => {
    const list = new OpList(ops);
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
    const list = new OpList(ops);
    expect(list.frontier()).toEqual({ stuck: [0, 1], due: 1 });
  });
});

describe('the configuration cache', () => {
  it('stores each (linearized set, state) once, telling apart sets and states', () => {
    const cache = new ConfigCache(2);
    const set = new Bitset(40);
    set.set(3);
    expect(cache.addWith(set, 35, 7, 1)).toBe(true);
    expect(cache.addWith(set, 35, 7, 1)).toBe(false);
    expect(cache.addWith(set, 35, 8, 1)).toBe(true); // same set, other state
    expect(cache.addWith(set, 34, 7, 1)).toBe(true); // same hash, other set
    expect(cache.size).toBe(3);
  });

  it('keeps every entry when it grows past its initial capacity', () => {
    const cache = new ConfigCache(1);
    const empty = new Bitset(32);
    for (let state = 0; state < 3000; state++) expect(cache.addWith(empty, state % 32, state, state % 7)).toBe(true);
    for (let state = 0; state < 3000; state++) expect(cache.addWith(empty, state % 32, state, state % 7)).toBe(false);
    expect(cache.size).toBe(3000);
  });
});
