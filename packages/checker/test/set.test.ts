// The set model (add/read per key, initially empty), after Jepsen's set workload, checked linearizably.
import { describe, expect, it } from 'vitest';
import { checkOperations, setModel } from '../src/index.ts';
import { ops } from './support.ts';

describe('the set model', () => {
  it('accepts a read that sees every acknowledged add, in any order', () => {
    const history = ops([0, 'add', 1, null, 0, 1], [1, 'add', 2, null, 2, 3], [2, 'read', null, [2, 1], 4, 5]);
    const result = checkOperations(setModel, history);
    expect(result.verdict).toBe('linearizable');
  });

  it('rejects a read that misses an add acknowledged before the read began (a lost add)', () => {
    const history = ops([0, 'add', 1, null, 0, 1], [1, 'add', 2, null, 2, 3], [2, 'read', null, [1], 4, 5]);
    const result = checkOperations(setModel, history);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.explanation).toContain('read() → {1}');
    expect(result.explanation).toContain('state {1, 2}');
  });

  it('rejects an element nobody added', () => {
    expect(checkOperations(setModel, ops([0, 'read', null, ['x'], 0, 1])).verdict).toBe('not-linearizable');
  });

  it('lets a read concurrent with an add see it or not', () => {
    for (const read of [[], ['a']]) {
      const history = ops([0, 'add', 'a', null, 0, 10], [1, 'read', null, read, 1, 2]);
      expect(checkOperations(setModel, history).verdict, JSON.stringify(read)).toBe('linearizable');
    }
  });

  it('rejects reads that go back: an element seen, then gone', () => {
    const history = ops([0, 'add', 'a', null, 0, 10], [1, 'read', null, ['a'], 1, 2], [1, 'read', null, [], 3, 4]);
    expect(checkOperations(setModel, history).verdict).toBe('not-linearizable');
  });

  it('lets an add of unknown outcome count or not, but a failed add never', () => {
    const withAdd = (status: 'unknown' | 'fail', read: number[]) => ops([0, 'add', 7, null, 0, 1, status], [1, 'read', null, read, 2, 3]);
    expect(checkOperations(setModel, withAdd('unknown', [7])).verdict).toBe('linearizable');
    expect(checkOperations(setModel, withAdd('unknown', [])).verdict).toBe('linearizable');
    expect(checkOperations(setModel, withAdd('fail', [])).verdict).toBe('linearizable');
    expect(checkOperations(setModel, withAdd('fail', [7])).verdict).toBe('not-linearizable');
  });

  it('compares elements structurally and keeps keys apart', () => {
    const history = ops(
      [0, 'add', { b: 1, a: 2 }, null, 0, 1, 'ok', 's1'],
      [1, 'read', null, [{ a: 2, b: 1 }], 2, 3, 'ok', 's1'],
      [2, 'read', null, [], 2, 3, 'ok', 's2'],
    );
    expect(checkOperations(setModel, history).verdict).toBe('linearizable');
  });

  it('names a read that did not return an array', () => {
    expect(() => checkOperations(setModel, ops([0, 'read', null, 3, 0, 1]))).toThrow(/read must return an array of elements; got 3/);
  });
});
