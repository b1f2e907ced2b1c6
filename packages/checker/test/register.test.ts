// The register model (read/write, initially nil) and the search's handling of outcomes.
// Histories follow Porcupine's TestRegisterModel / TestZeroDuration (porcupine_test.go), taken
// from MIT 6.824 (2017) quiz 2 §VII, with nil as the initial value.
import { describe, expect, it } from 'vitest';
import { checkOperations, registerModel } from '../src/index.ts';
import { ops } from './support.ts';

describe('the register model', () => {
  it('tells a number from the string of its digits, and null from "null"', () => {
    // Numbers are held as themselves and everything else as canonical JSON: 1 and "1" must differ.
    const numberRead = ops([0, 'write', '1', null, 0, 10], [1, 'read', null, 1, 20, 30]);
    expect(checkOperations(registerModel, numberRead).verdict).toBe('not-linearizable');
    const stringRead = ops([0, 'write', 1, null, 0, 10], [1, 'read', null, '1', 20, 30]);
    expect(checkOperations(registerModel, stringRead).verdict).toBe('not-linearizable');
    const nullString = ops([0, 'write', 'null', null, 0, 10], [1, 'read', null, null, 20, 30]);
    expect(checkOperations(registerModel, nullString).verdict).toBe('not-linearizable');
    const same = ops([0, 'write', 1, null, 0, 10], [1, 'read', null, 1, 20, 30]);
    expect(checkOperations(registerModel, same).verdict).toBe('linearizable');
  });

  it('accepts reads overlapping a write that return the old and the new value (6.824 quiz 2 §VII)', () => {
    const history = ops([0, 'write', 100, 100, 0, 100], [1, 'read', null, 100, 25, 75], [2, 'read', null, null, 30, 60]);
    expect(checkOperations(registerModel, history).verdict).toBe('linearizable');
  });

  it('rejects a later read of the old value after an earlier read saw the new one (6.824 quiz 2 §VII)', () => {
    const history = ops([0, 'write', 200, 200, 0, 100], [1, 'read', null, 200, 10, 30], [2, 'read', null, null, 40, 90]);
    expect(checkOperations(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('treats zero-length operations at the same instant as concurrent (Porcupine TestZeroDuration)', () => {
    const ok = ops(
      [0, 'write', 100, 100, 0, 100],
      [1, 'read', null, 100, 25, 75],
      [2, 'read', null, null, 30, 30],
      [3, 'read', null, null, 30, 30],
    );
    expect(checkOperations(registerModel, ok).verdict).toBe('linearizable');
    const bad = ops(
      [0, 'write', 200, 200, 0, 100],
      [1, 'read', null, 200, 10, 10],
      [2, 'read', null, 200, 10, 10],
      [3, 'read', null, null, 40, 90],
    );
    expect(checkOperations(registerModel, bad).verdict).toBe('not-linearizable');
  });

  it('compares values structurally, so a read of {"a":1,"b":2} matches a write of {"b":2,"a":1}', () => {
    const history = ops([0, 'write', { b: 2, a: 1 }, null, 0, 1], [1, 'read', null, { a: 1, b: 2 }, 2, 3]);
    expect(checkOperations(registerModel, history).verdict).toBe('linearizable');
  });

  it('distinguishes the number 1 from the string "1"', () => {
    const history = ops([0, 'write', 1, null, 0, 1], [1, 'read', null, '1', 2, 3]);
    expect(checkOperations(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('rejects cas, which only the cas-register model accepts, naming the operation', () => {
    expect(() => checkOperations(registerModel, ops([4, 'cas', [1, 2], null, 0, 1]))).toThrow(
      /register model cannot check operation #0 \(process 4, cas.*accepts read and write/,
    );
  });
});

describe('operations of unknown outcome (Jepsen info: may take effect any time after the call, or never)', () => {
  it('lets an info write take effect long after it was invoked', () => {
    const history = ops([0, 'write', 1, null, 0, 0, 'unknown'], [1, 'read', null, null, 5, 6], [1, 'read', null, 1, 100, 101]);
    expect(checkOperations(registerModel, history).verdict).toBe('linearizable');
  });

  it('accepts a history whose only linearization leaves an info write out', () => {
    const history = ops(
      [0, 'write', 1, null, 0, 1],
      [1, 'write', 2, null, 2, 0, 'unknown'],
      [2, 'read', null, 1, 3, 4],
      [2, 'read', null, 1, 5, 6],
    );
    const result = checkOperations(registerModel, history);
    expect(result.verdict).toBe('linearizable');
    expect(result.perKey[0]).toMatchObject({ verdict: 'linearizable', linearization: [0, 2, 3] });
  });

  it('does not let an ok write be left out the way an info write may be', () => {
    const history = ops([0, 'write', 1, null, 0, 1], [1, 'write', 2, null, 2, 3], [2, 'read', null, 1, 4, 5]);
    expect(checkOperations(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('never lets a failed write take effect: fail means it definitely did not happen', () => {
    const history = ops([0, 'write', 2, null, 0, 1, 'fail'], [1, 'read', null, 2, 2, 3]);
    expect(checkOperations(registerModel, history).verdict).toBe('not-linearizable');
  });

  it('lets a read of unknown result constrain nothing', () => {
    const history = ops([0, 'write', 1, null, 0, 1], [1, 'read', null, null, 2, 0, 'unknown'], [1, 'read', null, 1, 3, 4]);
    expect(checkOperations(registerModel, history).verdict).toBe('linearizable');
  });

  it('still rejects a history that no placement of its info write can explain', () => {
    const history = ops([0, 'write', 1, null, 0, 0, 'unknown'], [1, 'read', null, 2, 5, 6]);
    expect(checkOperations(registerModel, history).verdict).toBe('not-linearizable');
  });
});
