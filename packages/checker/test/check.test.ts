// The checker's reporting: counterexamples, the time budget and partition scheduling.
// Counterexample shape follows Porcupine's partial linearizations (checker.go: `longest`).
import { describe, expect, it } from 'vitest';
import { casRegisterModel, checkHistory, checkOperations, kvModel, registerModel, type Model, type Operation } from '../src/index.ts';
import type { KvInput, KvOutput } from '../src/models/kv.ts';
import { ev, ops, type OpRow } from './support.ts';

/** Seven concurrent appends and a get that saw them in reverse order: linearizable, but only after a long search. */
function reversedAppends(key: string, firstId: number): Operation[] {
  const letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  const rows: OpRow[] = letters.map((l, i) => [i, 'append', l, null, 0, 10, 'ok', key]);
  rows.push([9, 'get', null, [...letters].reverse().join(''), 11, 12, 'ok', key]);
  return ops(...rows).map((op) => ({ ...op, id: op.id + firstId }));
}

describe('checkOperations', () => {
  it('explains a violation by the longest linearizable prefix and the operations that cannot come next', () => {
    const history = ops([0, 'write', 1, null, 0, 1], [1, 'read', null, 1, 2, 3], [2, 'read', null, 2, 4, 5]);
    const result = checkOperations(registerModel, history);
    expect(result.perKey[0]).toMatchObject({
      verdict: 'not-linearizable',
      counterexample: { prefix: [history[0], history[1]], state: '1', stuck: [history[2]], due: history[2] },
    });
    expect(result.explanation.split('\n')).toEqual([
      'not linearizable under the register model: 1 of 1 partitions have no linearization.',
      'the history (3 operations):',
      '  #2: the read returned 2, a value no operation wrote.',
      '  The longest linearizable prefix found has 2 operations and leaves the state at 1:',
      '    #0 process 0: write(1)  [call 0, return 1]',
      '    #1 process 1: read() → 1  [call 2, return 3]',
      '  The next operation must take effect by time 5, when #2 returned, but none of these can in state 1:',
      '    #2 process 2: read() → 2  [call 4, return 5]',
    ]);
  });

  it('names the concurrent candidates when several operations could have come next', () => {
    const history = ops([0, 'cas', [5, 6], null, 0, 10], [1, 'read', null, 3, 0, 10]);
    const result = checkOperations(casRegisterModel, history);
    expect(result.explanation).toContain('Not even a first operation can be linearized from the initial state nil.');
    expect(result.explanation).toContain('#0 process 0: cas(5, 6) → ok  [call 0, return 10]');
    expect(result.explanation).toContain('#1 process 1: read() → 3  [call 0, return 10]');
  });

  it('says linearizable with the operation count when a linearization exists', () => {
    const result = checkHistory(registerModel, [ev('invoke', 0, 'write', 1, 0), ev('ok', 0, 'write', 1, 1)]);
    expect(result).toMatchObject({ verdict: 'linearizable', perKey: [{ verdict: 'linearizable', linearization: [0] }] });
    expect(result.explanation).toBe('linearizable: all 1 operation (1 partition) have a linearization under the register model.');
  });

  it('calls an empty history linearizable', () => {
    expect(checkOperations(kvModel, []).verdict).toBe('linearizable');
  });

  it('answers unknown when the time budget runs out, measured on an injected clock', () => {
    // Time passes only while the search asks the model for steps.
    let now = 0;
    const clock = () => now;
    const slowModel: Model<string, KvInput, KvOutput> = { ...kvModel, step: (s, i, o) => (now++, kvModel.step(s, i, o)) };
    const result = checkOperations(slowModel, reversedAppends('k', 0), { timeoutMs: 3, clock });
    expect(result.verdict).toBe('unknown');
    expect(result.perKey[0]).toMatchObject({ verdict: 'unknown', reason: 'the time budget of 3 ms ran out while searching' });
    expect(result.explanation).toMatch(/^unknown: no verdict for 1 of 1 partitions within 3 ms/);
  });

  it('stops soon after the first violating partition, unless asked to be exhaustive', () => {
    const bad = ops([0, 'get', null, 'nope', 0, 1, 'ok', 'a']);
    const history = [...bad, ...reversedAppends('b', 1)];
    const quick = checkOperations(kvModel, history);
    expect(quick.verdict).toBe('not-linearizable');
    expect(quick.perKey.map((k) => k.verdict)).toEqual(['not-linearizable', 'unknown']);
    expect(quick.perKey[1]).toMatchObject({ reason: 'not searched to the end: key "a" already shows the history is not linearizable' });
    expect(quick.explanation.split('\n')[0]).toContain('(1 more left unfinished once that was known)');
    const full = checkOperations(kvModel, history, { exhaustive: true });
    expect(full.perKey.map((k) => k.verdict)).toEqual(['not-linearizable', 'linearizable']);
  });
});
