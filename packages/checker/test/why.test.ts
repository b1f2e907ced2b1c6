// Each model explains the operation that cannot take effect in its own terms (issue 22, item 13):
// "the read returned 169, below the 170 acknowledged adds", not only "the longest linearizable
// prefix leaves the state at 172".
import { describe, expect, it } from 'vitest';
import {
  casRegisterModel, checkOperations, counterModel, kvModel, logModel, queueModel, registerModel, setModel, uniqueIdsModel,
  type Model, type Operation, type StateKey,
} from '../src/index.ts';
import { ops } from './support.ts';

/** The model's sentence about the stuck operation `id`, after the verdict and key lines. */
function why<S extends StateKey, I, O>(model: Model<S, I, O>, history: Operation[], id: number): string {
  const result = checkOperations(model, history);
  expect(result.verdict).toBe('not-linearizable');
  const line = result.explanation.split('\n').find((l) => l.startsWith(`  #${id}: `));
  expect(line, result.explanation).toBeDefined();
  return (line ?? '').slice(`  #${id}: `.length);
}

describe('the counter explains a read by the adds around it', () => {
  it('names a read below what the acknowledged adds sum to', () => {
    // 170 adds of 1 acknowledged, then a read of 169.
    const adds = Array.from({ length: 170 }, (_, i): Parameters<typeof ops>[number] => [i % 5, 'add', 1, null, i, i + 0.5]);
    const history = ops(...adds, [9, 'read', null, 169, 200, 201]);
    expect(why(counterModel, history, 170)).toBe('the read returned 169, below the 170 that the 170 adds acknowledged before it began (at 200) sum to.');
  });

  it('names a read above what every add invoked before it returned can sum to', () => {
    const history = ops([0, 'add', 2, null, 0, 1], [1, 'add', 3, null, 0, 10, 'unknown'], [2, 'read', null, 9, 2, 3]);
    expect(why(counterModel, history, 2)).toBe('the read returned 9, above 5, the most that the 2 adds invoked before it returned (at 3) can sum to.');
  });

  it('falls back to the counter value when the read is within the bounds but the other reads rule it out', () => {
    const history = ops([0, 'add', 1, null, 0, 10], [1, 'add', 2, null, 0, 10], [2, 'read', null, 1, 1, 2], [2, 'read', null, 2, 3, 4]);
    expect(why(counterModel, history, 3)).toMatch(/^the read returned 2, but the adds and reads that must come before it leave the counter at 3: no choice of the adds still in flight gives 2/);
  });
});

describe('the registers explain a read by the writes around it', () => {
  it('names the acknowledged write that overwrote the value read', () => {
    const history = ops([0, 'write', 1, null, 0, 1], [1, 'write', 2, null, 2, 3], [3, 'read', null, 1, 5, 6]);
    expect(why(registerModel, history, 2)).toBe('the read returned 1, but write(2) (#1) overwrote 1 and was acknowledged at 3, before the read began at 5.');
  });

  it('names a value no operation wrote, and a write that began after the read returned', () => {
    expect(why(registerModel, ops([0, 'write', 1, null, 0, 1], [1, 'read', null, 7, 2, 3]), 1)).toBe('the read returned 7, a value no operation wrote.');
    expect(why(registerModel, ops([1, 'read', null, 4, 0, 1], [0, 'write', 4, null, 2, 3]), 0)).toBe('the read returned 4, but write(4) (#1) began only at 2, after the read returned at 1.');
  });

  it('explains a stale nil and a cas that found an overwritten value', () => {
    expect(why(registerModel, ops([0, 'write', 1, null, 0, 1], [1, 'read', null, null, 2, 3]), 1)).toBe('the read returned nil, but write(1) (#0) overwrote the initial nil and was acknowledged at 1, before the read began at 2.');
    const history = ops([0, 'write', 1, null, 0, 1], [1, 'write', 2, null, 2, 3], [2, 'cas', [1, 5], null, 4, 5]);
    expect(why(casRegisterModel, history, 2)).toBe('cas(1, 5) succeeded, so the register held 1, but write(2) (#1) overwrote 1 and was acknowledged at 3, before the cas began at 4.');
  });
});

describe('kv, set, log, queue and unique-ids explain in their own terms', () => {
  it('kv: a get that lost an acknowledged append, and one that ignores the last put', () => {
    const lost = ops([0, 'put', 'a', null, 0, 1, 'ok', 'x'], [1, 'append', 'b', null, 2, 3, 'ok', 'x'], [2, 'get', null, 'a', 4, 5, 'ok', 'x']);
    expect(why(kvModel, lost, 2)).toBe('the get of "x" returned "a", without "b", which append (#1) added and was acknowledged at 3, before the get began at 4.');
    const put = ops([0, 'put', 'a', null, 0, 1, 'ok', 'x'], [1, 'put', 'b', null, 2, 3, 'ok', 'x'], [2, 'get', null, 'a', 4, 5, 'ok', 'x']);
    expect(why(kvModel, put, 2)).toBe('the get of "x" returned "a", but put("b") (#1), acknowledged at 3 before the get began, set the key and no later put could replace it.');
  });

  it('set: a read missing an acknowledged add, and one holding an element nobody added', () => {
    expect(why(setModel, ops([0, 'add', 3, null, 0, 1], [1, 'read', null, [], 2, 3]), 1)).toBe('the read is missing 3, which add (#0) put in the set and was acknowledged at 1, before the read began at 2.');
    expect(why(setModel, ops([0, 'add', 3, null, 0, 1], [1, 'read', null, [3, 9], 2, 3]), 1)).toBe('the read holds 9, which no add invoked before the read returned (at 3) put in the set.');
  });

  it('log: a missing entry, a duplicated one, and two entries out of order', () => {
    expect(why(logModel, ops([0, 'append', 5, null, 0, 1], [1, 'read', null, [], 2, 3]), 1)).toBe('the read is missing 5, whose append (#0) was acknowledged at 1, before the read began at 2.');
    expect(why(logModel, ops([0, 'append', 5, null, 0, 1], [1, 'read', null, [5, 5], 2, 3]), 1)).toBe('the read lists 5 twice, but it was appended once.');
    const swapped = ops([0, 'append', 1, null, 0, 1], [0, 'append', 2, null, 2, 3], [1, 'read', null, [2, 1], 4, 5]);
    expect(why(logModel, swapped, 2)).toBe('the read lists 2 before 1, but the append of 1 (#0) was acknowledged at 1, before the append of 2 (#1) began at 2.');
  });

  it('queue: a dequeue that skipped the head, one that found a full queue empty, one that invented a value', () => {
    const skipped = ops([0, 'enqueue', 'a', null, 0, 1], [0, 'enqueue', 'b', null, 2, 3], [1, 'dequeue', null, 'b', 4, 5]);
    expect(why(queueModel, skipped, 2)).toBe('the dequeue returned "b", but "a" was ahead of it: its enqueue (#0) was acknowledged at 1, before "b" was enqueued, and no dequeue had taken it.');
    const empty = ops([0, 'enqueue', 'a', null, 0, 1], [1, 'dequeue', null, null, 2, 3]);
    expect(why(queueModel, empty, 1)).toBe('the dequeue found the queue empty, but "a", enqueued by #0 and acknowledged at 1 before it began, had been taken by no dequeue.');
    expect(why(queueModel, ops([1, 'dequeue', null, 'z', 0, 1]), 0)).toBe('the dequeue returned "z", which no enqueue invoked before it returned (at 1) added.');
  });

  it('unique-ids: the generate that handed out the same id', () => {
    const history = ops([0, 'generate', null, 17, 0, 1], [1, 'generate', null, 17, 2, 3]);
    const result = checkOperations(uniqueIdsModel, history);
    expect(result.explanation).toMatch(/#\d: generate returned 17, the same id as generate #\d, acknowledged at \d\./);
  });
});
