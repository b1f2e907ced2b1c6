// The log model (append/read per key, each log initially empty): hand-made histories with known
// verdicts, and histories recorded from a correct and a broken log service.
import { describe, expect, it } from 'vitest';
import { checkOperations, logModel, pairOperations, type HistoryEvent, type JsonValue } from '../src/index.ts';
import { ops } from './support.ts';

const verdict = (history: ReturnType<typeof ops>) => checkOperations(logModel, history, { exhaustive: true }).verdict;

describe('the log model', () => {
  it('reads a log that was never appended to as empty (nil or [])', () => {
    expect(verdict(ops([0, 'read', null, [], 0, 1, 'ok', 'k']))).toBe('linearizable');
    expect(verdict(ops([0, 'read', null, null, 0, 1, 'ok', 'k']))).toBe('linearizable');
    expect(verdict(ops([0, 'read', null, [1], 0, 1, 'ok', 'k']))).toBe('not-linearizable');
  });

  it('keeps sequential appends in real-time order', () => {
    const history = (read: JsonValue) =>
      ops([0, 'append', 1, null, 0, 1, 'ok', 'k'], [0, 'append', 2, null, 2, 3, 'ok', 'k'], [1, 'read', null, read, 4, 5, 'ok', 'k']);
    expect(verdict(history([1, 2]))).toBe('linearizable');
    expect(verdict(history([2, 1]))).toBe('not-linearizable'); // reordered
    expect(verdict(history([1]))).toBe('not-linearizable'); // an acknowledged append lost
    expect(verdict(history([1, 2, 2]))).toBe('not-linearizable'); // duplicated
  });

  it('lets concurrent appends land in either order, but every reader must see the same order', () => {
    const appends: Parameters<typeof ops> = [
      [0, 'append', 'a', null, 0, 10, 'ok', 'k'],
      [1, 'append', 'b', null, 0, 10, 'ok', 'k'],
    ];
    expect(verdict(ops(...appends, [2, 'read', null, ['b', 'a'], 11, 12, 'ok', 'k']))).toBe('linearizable');
    expect(verdict(ops(...appends, [2, 'read', null, ['a', 'b'], 11, 12, 'ok', 'k'], [3, 'read', null, ['b', 'a'], 13, 14, 'ok', 'k']))).toBe(
      'not-linearizable',
    );
  });

  it('does not let a later read go back in time', () => {
    const history = ops(
      [0, 'append', 1, null, 0, 1, 'ok', 'k'],
      [1, 'read', null, [1], 2, 3, 'ok', 'k'],
      [2, 'read', null, [], 4, 5, 'ok', 'k'],
    );
    expect(verdict(history)).toBe('not-linearizable');
  });

  it('lets an append of unknown outcome take effect or not, but a failed one never', () => {
    const withAppend = (status: 'unknown' | 'fail', read: JsonValue) => ops([0, 'append', 7, null, 0, 1, status, 'k'], [1, 'read', null, read, 2, 3, 'ok', 'k']);
    expect(verdict(withAppend('unknown', [7]))).toBe('linearizable');
    expect(verdict(withAppend('unknown', []))).toBe('linearizable');
    expect(verdict(withAppend('fail', []))).toBe('linearizable');
    expect(verdict(withAppend('fail', [7]))).toBe('not-linearizable');
  });

  it('compares entries as values (canonical JSON), and keeps keys independent', () => {
    const history = ops(
      [0, 'append', { b: 1, a: [2] }, null, 0, 1, 'ok', 'x'],
      [1, 'read', null, [{ a: [2], b: 1 }], 2, 3, 'ok', 'x'],
      [1, 'read', null, ['1'], 4, 5, 'ok', 'y'],
    );
    const result = checkOperations(logModel, history, { exhaustive: true });
    expect(result.perKey.map((k) => [k.key, k.verdict])).toEqual([
      ['x', 'linearizable'],
      ['y', 'not-linearizable'],
    ]);
  });

  it('explains a violation with readable logs', () => {
    const result = checkOperations(logModel, ops([0, 'append', 1, null, 0, 1, 'ok', 'k'], [1, 'read', null, [2], 2, 3, 'ok', 'k']));
    expect(result.explanation).toContain('#1 process 1: read("k") → [2]');
    expect(result.explanation).toContain('state at [1]');
  });

  it('rejects a read that did not return an array, naming the operation', () => {
    expect(() => checkOperations(logModel, ops([3, 'read', null, 5, 0, 1, 'ok', 'k']))).toThrow(/log model cannot check operation #0 \(process 3, read.*array/);
  });
});

/**
 * A tiny log service run by a seeded schedule: clients append and read; `followerLag` > 0 makes
 * reads go to a follower that applies the leader's appends that many time units late (the bug).
 */
function recordService(seed: number, followerLag: number): HistoryEvent[] {
  let x = seed;
  const rand = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  const clock = [0, 0, 0];
  const planned: { p: number; call: number; at: number; ret: number; append: boolean; value: JsonValue }[] = [];
  for (let i = 0; i < 60; i++) {
    const p = rand(3);
    const call = clock[p]! + 1 + rand(3);
    const at = call + 1 + rand(3); // the moment the service handles it
    const ret = at + 1 + rand(3);
    clock[p] = ret;
    planned.push({ p, call, at, ret, append: rand(2) === 0, value: null });
  }
  // The service handles requests in the order they arrive; the follower sees an append `followerLag` later.
  const leader: { at: number; entry: number }[] = [];
  let next = 0;
  for (const op of [...planned].sort((a, b) => a.at - b.at)) {
    if (op.append) {
      op.value = next++;
      leader.push({ at: op.at, entry: op.value });
    } else {
      op.value = leader.filter((e) => followerLag === 0 || e.at + followerLag <= op.at).map((e) => e.entry);
    }
  }
  const events: HistoryEvent[] = [];
  for (const op of planned) {
    const f = op.append ? 'append' : 'read';
    events.push({ type: 'invoke', process: op.p, f, key: 'k', value: op.append ? op.value : null, time: op.call });
    events.push({ type: 'ok', process: op.p, f, key: 'k', value: op.value, time: op.ret });
  }
  // Clients run one at a time per process, but their events interleave in time order.
  return events.map((e, order) => ({ e, order })).sort((a, b) => a.e.time - b.e.time || a.order - b.order).map(({ e }) => e);
}

describe('a recorded log service', () => {
  it.each([1, 2, 3])('is linearizable when reads go to the leader (seed %i)', (seed) => {
    const history = pairOperations(recordService(seed, 0));
    expect(checkOperations(logModel, history).verdict).toBe('linearizable');
  });

  it.each([1, 2, 3])('is caught reading from a lagging follower (seed %i)', (seed) => {
    const result = checkOperations(logModel, pairOperations(recordService(seed, 8)));
    expect(result.verdict).toBe('not-linearizable');
    expect(result.explanation).toMatch(/read\("k"\) → \[/);
  });
});
