// Register models drop unknown-outcome writes and cas whose value no operation observes, before
// the search (dropUnobservedWrites); the verdict must not change, and observed ones must stay.
import { describe, expect, it } from 'vitest';
import { casRegisterModel, checkOperations, registerModel } from '../src/index.ts';
import { dropUnobservedWrites } from '../src/models/register-core.ts';
import { ops } from './support.ts';

describe('dropping unobserved timed-out writes', () => {
  it('drops an unknown write or cas of a value nobody reads or expects, and keeps the rest', () => {
    const history = ops(
      [0, 'write', 1, null, 0, 1],
      [1, 'write', 9, null, 2, 0, 'unknown'], // 9 is never observed: dropped
      [2, 'write', 2, null, 2, 0, 'unknown'], // 2 is read: kept
      [3, 'cas', [1, 8], null, 2, 0, 'unknown'], // 8 is never observed: dropped
      [4, 'cas', [1, 5], null, 2, 0, 'unknown'], // 5 is expected by a cas: kept
      [5, 'cas', [5, 6], null, 3, 0, 'unknown'], // expects 5, but sets 6, which nobody observes: dropped
      [0, 'read', null, 2, 4, 5],
    );
    expect(dropUnobservedWrites(history).map((op) => op.id)).toEqual([0, 2, 4, 6]);
  });

  it('gives the same verdicts with and without the dropped ops', () => {
    // A timed-out write of 7 (never read) must not rescue a stale read, nor break a good history.
    const stale = ops([0, 'write', 1, null, 0, 1], [0, 'write', 2, null, 2, 3], [1, 'write', 7, null, 2, 0, 'unknown'], [2, 'read', null, 1, 4, 5]);
    const good = ops([0, 'write', 1, null, 0, 1], [1, 'write', 7, null, 2, 0, 'unknown'], [2, 'read', null, 1, 4, 5]);
    for (const model of [registerModel, casRegisterModel]) {
      expect(checkOperations(model, stale).verdict).toBe('not-linearizable');
      expect(checkOperations(model, good).verdict).toBe('linearizable');
    }
  });

  it('keeps an unknown write whose value a read shows, which alone explains that read', () => {
    const history = ops([0, 'write', 1, null, 0, 1], [1, 'write', 7, null, 2, 0, 'unknown'], [2, 'read', null, 7, 4, 5]);
    expect(checkOperations(registerModel, history).verdict).toBe('linearizable');
  });
});
