// The kv model (get/put/append per key, each key initially ""), as Porcupine's kvModel
// (porcupine_test.go) checks the kv corpus.
import { describe, expect, it } from 'vitest';
import { checkOperations, kvModel } from '../src/index.ts';
import { ops } from './support.ts';

describe('the kv model', () => {
  it('reads a key that was never written as ""', () => {
    expect(checkOperations(kvModel, ops([0, 'get', null, '', 0, 1, 'ok', 'k'])).verdict).toBe('linearizable');
    expect(checkOperations(kvModel, ops([0, 'get', null, 'x', 0, 1, 'ok', 'k'])).verdict).toBe('not-linearizable');
  });

  it('concatenates sequential appends in real-time order', () => {
    const history = (read: string) =>
      ops([0, 'append', 'a', null, 0, 1, 'ok', 'k'], [0, 'append', 'b', null, 2, 3, 'ok', 'k'], [1, 'get', null, read, 4, 5, 'ok', 'k']);
    expect(checkOperations(kvModel, history('ab')).verdict).toBe('linearizable');
    expect(checkOperations(kvModel, history('ba')).verdict).toBe('not-linearizable');
  });

  it('allows concurrent appends to land in either order', () => {
    const history = ops([0, 'append', 'a', null, 0, 10, 'ok', 'k'], [1, 'append', 'b', null, 0, 10, 'ok', 'k'], [2, 'get', null, 'ba', 11, 12, 'ok', 'k']);
    expect(checkOperations(kvModel, history).verdict).toBe('linearizable');
  });

  it('lets put replace the whole value', () => {
    const history = ops([0, 'append', 'a', null, 0, 1, 'ok', 'k'], [0, 'put', 'z', null, 2, 3, 'ok', 'k'], [1, 'get', null, 'z', 4, 5, 'ok', 'k']);
    expect(checkOperations(kvModel, history).verdict).toBe('linearizable');
  });

  it('lets an info append take effect or not, but a failed one never', () => {
    const withAppend = (status: 'unknown' | 'fail', read: string) =>
      ops([0, 'append', 'a', null, 0, 1, status, 'k'], [1, 'get', null, read, 2, 3, 'ok', 'k']);
    expect(checkOperations(kvModel, withAppend('unknown', 'a')).verdict).toBe('linearizable');
    expect(checkOperations(kvModel, withAppend('unknown', '')).verdict).toBe('linearizable');
    expect(checkOperations(kvModel, withAppend('fail', '')).verdict).toBe('linearizable');
    expect(checkOperations(kvModel, withAppend('fail', 'a')).verdict).toBe('not-linearizable');
  });

  it('keeps keys independent and reports a verdict per key', () => {
    const history = ops(
      [0, 'put', 'x', null, 0, 1, 'ok', 'k1'],
      [1, 'get', null, '', 2, 3, 'ok', 'k2'],
      [1, 'get', null, 'y', 4, 5, 'ok', 'k1'],
    );
    const result = checkOperations(kvModel, history, { exhaustive: true });
    expect(result.perKey.map((k) => [k.key, k.verdict])).toEqual([
      ['k1', 'not-linearizable'],
      ['k2', 'linearizable'],
    ]);
  });

  it('rejects an operation without a key, naming it', () => {
    expect(() => checkOperations(kvModel, ops([3, 'get', null, '', 0, 1]))).toThrow(/kv model cannot check operation #0 \(process 3, get.*need a key/);
  });
});
