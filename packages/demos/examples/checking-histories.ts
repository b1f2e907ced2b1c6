// example: checking-histories
import assert from 'node:assert/strict';
import { checkHistory, registerModel, type HistoryEvent } from '@faultline/checker';

/** One history event on register "x"; `time` in ms of true time. */
const at = (time: number, process: number, type: HistoryEvent['type'], f: 'read' | 'write', value: number | null): HistoryEvent =>
  ({ type, process, f, key: 'x', value, time });

export default async function main(): Promise<void> {
  // A write of 1 completes; a read that starts afterwards returns the initial nil: a stale read.
  const stale = [
    at(0, 0, 'invoke', 'write', 1), at(1, 0, 'ok', 'write', 1),
    at(2, 1, 'invoke', 'read', null), at(3, 1, 'ok', 'read', null),
  ];
  const verdict = checkHistory(registerModel, stale);
  assert.equal(verdict.verdict, 'not-linearizable');
  assert.match(verdict.explanation, /none of these can in state 1:\n +#1 process 1: read\(\) → nil/);
  // First, the fact in the register's own terms.
  assert.match(verdict.explanation, /#1: the read returned nil, but write\(1\) \(#0\) overwrote the initial nil and was acknowledged at 1, before the read began at 2\./);

  // The same write, timed out (info): it may have happened. A read of 1 is then fine...
  const unsure = [
    at(0, 0, 'invoke', 'write', 1), at(1, 0, 'info', 'write', 1),
    at(2, 1, 'invoke', 'read', null), at(3, 1, 'ok', 'read', 1),
  ];
  assert.equal(checkHistory(registerModel, unsure).verdict, 'linearizable');
  // ...and so is a read of nil: it may also never have happened.
  const unsureNil = unsure.map((e) => (e.type === 'ok' ? { ...e, value: null } : e));
  assert.equal(checkHistory(registerModel, unsureNil).verdict, 'linearizable');

  // Had the client recorded the timeout as a failure, the checker would cry wolf at a correct system.
  const lied = unsure.map((e) => (e.type === 'info' ? { ...e, type: 'fail' as const } : e));
  assert.equal(checkHistory(registerModel, lied).verdict, 'not-linearizable');
}
