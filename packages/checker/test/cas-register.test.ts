// The cas-register model (read/write/cas, initially nil): Knossos' cas-register, and the etcd
// semantics of Porcupine's corpus README (a failed cas did not apply; an info cas may have).
import { describe, expect, it } from 'vitest';
import { casRegisterModel, checkOperations } from '../src/index.ts';
import { ops } from './support.ts';

describe('the cas-register model', () => {
  it('starts at nil, so a cas from nil applies to a fresh register', () => {
    const history = ops([0, 'cas', [null, 1], null, 0, 1], [1, 'read', null, 1, 2, 3]);
    expect(checkOperations(casRegisterModel, history).verdict).toBe('linearizable');
  });

  it('rejects an ok cas whose expected value the register never held', () => {
    const history = ops([0, 'write', 1, 1, 0, 1], [1, 'cas', [2, 3], null, 2, 3]);
    expect(checkOperations(casRegisterModel, history).verdict).toBe('not-linearizable');
  });

  it('orders two concurrent cas operations so that both can succeed', () => {
    const history = ops(
      [0, 'write', 1, 1, 0, 1],
      [1, 'cas', [2, 3], null, 2, 10],
      [2, 'cas', [1, 2], null, 2, 10],
      [0, 'read', null, 3, 11, 12],
    );
    expect(checkOperations(casRegisterModel, history).verdict).toBe('linearizable');
  });

  it('leaves a failed cas out: it definitely did not apply', () => {
    const applied = ops([0, 'write', 1, 1, 0, 1], [1, 'cas', [1, 2], null, 2, 3, 'fail'], [2, 'read', null, 2, 4, 5]);
    expect(checkOperations(casRegisterModel, applied).verdict).toBe('not-linearizable');
    const unchanged = ops([0, 'write', 1, 1, 0, 1], [1, 'cas', [1, 2], null, 2, 3, 'fail'], [2, 'read', null, 1, 4, 5]);
    expect(checkOperations(casRegisterModel, unchanged).verdict).toBe('linearizable');
  });

  it('lets an info cas apply or not, but only if the register held its expected value', () => {
    const base: Parameters<typeof ops> = [[0, 'write', 1, 1, 0, 1], [1, 'cas', [1, 2], null, 2, 0, 'unknown']];
    expect(checkOperations(casRegisterModel, ops(...base, [2, 'read', null, 2, 4, 5])).verdict).toBe('linearizable');
    expect(checkOperations(casRegisterModel, ops(...base, [2, 'read', null, 1, 4, 5])).verdict).toBe('linearizable');
    expect(checkOperations(casRegisterModel, ops(...base, [2, 'read', null, 3, 4, 5])).verdict).toBe('not-linearizable');
  });

  it('rejects a cas whose value is not a [from, to] pair, naming the operation', () => {
    expect(() => checkOperations(casRegisterModel, ops([7, 'cas', 5, null, 0, 1]))).toThrow(
      /cas-register model cannot check operation #0 \(process 7, cas.*must be \[from, to\]; got 5/,
    );
  });

  it('checks each key as an independent register (P-compositionality, Herlihy & Wing 1990 §3.3)', () => {
    const history = ops(
      [0, 'write', 1, null, 0, 1, 'ok', 'a'],
      [1, 'read', null, null, 2, 3, 'ok', 'b'],
      [1, 'read', null, 2, 4, 5, 'ok', 'a'],
    );
    const result = checkOperations(casRegisterModel, history);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.perKey.map((k) => [k.key, k.verdict])).toEqual([
      ['a', 'not-linearizable'],
      ['b', 'linearizable'],
    ]);
  });
});
