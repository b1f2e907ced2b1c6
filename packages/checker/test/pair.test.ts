// Pairing events into operations, Jepsen style (knossos.history/pair-index semantics):
// each process runs one operation at a time; ok/fail/info complete the outstanding invoke.
import { describe, expect, it } from 'vitest';
import { HistoryPairingError, pairOperations } from '../src/index.ts';
import { ev } from './support.ts';

describe('pairOperations', () => {
  it('pairs each invoke with its process’s next completion, taking input from the invoke and output from the ok', () => {
    const ops = pairOperations([
      ev('invoke', 0, 'read', null, 1),
      ev('invoke', 1, 'cas', [1, 2], 2),
      ev('ok', 0, 'read', 7, 3),
      ev('fail', 1, 'cas', [1, 2], 4),
    ]);
    expect(ops).toEqual([
      { id: 0, process: 0, f: 'read', key: undefined, input: null, output: 7, call: 1, return: 3, status: 'ok' },
      { id: 1, process: 1, f: 'cas', key: undefined, input: [1, 2], output: [1, 2], call: 2, return: 4, status: 'fail' },
    ]);
  });

  it('gives info operations and invokes never completed an unknown status and return Infinity', () => {
    const ops = pairOperations([ev('invoke', 0, 'write', 1, 1), ev('info', 0, 'write', 1, 2), ev('invoke', 1, 'write', 2, 3)]);
    expect(ops.map((o) => [o.status, o.return, o.output])).toEqual([
      ['unknown', Infinity, null],
      ['unknown', Infinity, null],
    ]);
  });

  it('orders operations by call time and numbers them in that order', () => {
    const ops = pairOperations([ev('invoke', 1, 'read', null, 5), ev('invoke', 0, 'read', null, 2), ev('ok', 1, 'read', 1, 6), ev('ok', 0, 'read', 1, 7)]);
    expect(ops.map((o) => [o.id, o.process])).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('rejects a second invoke while the process still has one outstanding, naming line and process', () => {
    const events = [ev('invoke', 3, 'read', null), ev('invoke', 3, 'write', 1)];
    expect(() => pairOperations(events, [10, 12])).toThrow(HistoryPairingError);
    expect(() => pairOperations(events, [10, 12])).toThrow(/^line 12 \(process 3\): invoke of write while the read invoked at line 10 is still outstanding/);
  });

  it('rejects a completion without an invoke', () => {
    expect(() => pairOperations([ev('ok', 2, 'read', 1)])).toThrow(/^line 1 \(process 2\): ok of read without a preceding invoke/);
  });

  it('rejects a completion of a different operation or key than was invoked', () => {
    expect(() => pairOperations([ev('invoke', 0, 'read', null), ev('ok', 0, 'write', 1)])).toThrow(/ok of write completes an invoke of read/);
    expect(() => pairOperations([ev('invoke', 0, 'get', null, 0, 'a'), ev('ok', 0, 'get', '', 0, 'b')])).toThrow(/names key b but its invoke \(line 1\) names a/);
  });

  it('rejects a completion timed before its invoke', () => {
    expect(() => pairOperations([ev('invoke', 0, 'read', null, 5), ev('ok', 0, 'read', 1, 4)])).toThrow(/completes at time 4, before its invoke at time 5/);
  });

  it('lets a process invoke again after an info, as a Maelstrom/Jepsen client that moves on would', () => {
    const ops = pairOperations([ev('invoke', 0, 'write', 1, 1), ev('info', 0, 'write', null, 2), ev('invoke', 0, 'read', null, 3), ev('ok', 0, 'read', 1, 4)]);
    expect(ops.map((o) => o.status)).toEqual(['unknown', 'ok']);
  });
});
