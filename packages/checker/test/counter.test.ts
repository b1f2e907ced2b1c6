// The counter model (add/read per key, initially 0), after Maelstrom's g-counter and pn-counter
// workloads: the final read equals the acknowledged sum, plus any of the adds of unknown outcome.
import { describe, expect, it } from 'vitest';
import { checkOperations, counterModel } from '../src/index.ts';
import { ops } from './support.ts';

describe('the counter model', () => {
  it('accepts a final read equal to the sum of the acknowledged adds', () => {
    const history = ops([0, 'add', 2, null, 0, 1], [1, 'add', 3, null, 0, 2], [2, 'add', -1, null, 3, 4], [3, 'read', null, 4, 5, 6]);
    expect(checkOperations(counterModel, history).verdict).toBe('linearizable');
  });

  it('rejects a final read that lost an acknowledged add', () => {
    const history = ops([0, 'add', 2, null, 0, 1], [1, 'add', 3, null, 0, 2], [3, 'read', null, 3, 5, 6]);
    const result = checkOperations(counterModel, history);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.explanation).toContain('read() → 3');
  });

  it('lets each add of unknown outcome count or not, and nothing else', () => {
    const history = (read: number) =>
      ops([0, 'add', 1, null, 0, 1], [1, 'add', 10, null, 0, 1, 'unknown'], [2, 'add', 100, null, 0, 1, 'unknown'], [3, 'read', null, read, 5, 6]);
    for (const read of [1, 11, 101, 111]) expect(checkOperations(counterModel, history(read)).verdict, String(read)).toBe('linearizable');
    for (const read of [0, 10, 110, 112]) expect(checkOperations(counterModel, history(read)).verdict, String(read)).toBe('not-linearizable');
  });

  it('never counts a failed add', () => {
    const history = (read: number) => ops([0, 'add', 5, null, 0, 1, 'fail'], [1, 'read', null, read, 2, 3]);
    expect(checkOperations(counterModel, history(0)).verdict).toBe('linearizable');
    expect(checkOperations(counterModel, history(5)).verdict).toBe('not-linearizable');
  });

  it('rejects reads that disagree on the order of concurrent adds', () => {
    // Two adds run concurrently; one reader sees only the +1, another (sequentially after it) only the +2.
    const history = ops([0, 'add', 1, null, 0, 10], [1, 'add', 2, null, 0, 10], [2, 'read', null, 1, 1, 2], [2, 'read', null, 2, 3, 4]);
    expect(checkOperations(counterModel, history).verdict).toBe('not-linearizable');
  });

  it('names an add without a number', () => {
    expect(() => checkOperations(counterModel, ops([0, 'add', 'x', null, 0, 1]))).toThrow(/add needs a number; got "x"/);
  });
});
