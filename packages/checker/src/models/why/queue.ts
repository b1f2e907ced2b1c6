import type { Operation } from '../../history/operation.ts';
import { canonicalJson } from '../../history/value.ts';
import { acknowledgedBefore, at, invokedBefore, quote } from './facts.ts';

/**
 * Why a dequeue cannot take effect, in the queue's terms: it returned a value never enqueued (by
 * then) or more often than enqueued, it skipped an older element nothing had taken, or it found
 * the queue empty while an acknowledged element was still in it; else the queue's head by then.
 */
export function whyQueue(op: Operation, ops: readonly Operation[], state: string): string | undefined {
  if (op.f !== 'dequeue' || op.status !== 'ok') return undefined;
  const enqueues = ops.filter((o) => o.f === 'enqueue');
  const dequeues = ops.filter((o) => o.f === 'dequeue');
  // An element that no dequeue invoked before this one returned could have taken.
  const untaken = (value: string) => !invokedBefore(op, dequeues).some((d) => d.status === 'unknown' || (d.output !== null && canonicalJson(d.output) === value));
  if (op.output === null) {
    const waiting = acknowledgedBefore(op, enqueues).find((e) => untaken(canonicalJson(e.input)));
    if (waiting !== undefined) {
      return `the dequeue found the queue empty, but ${quote(waiting.input)}, enqueued by #${waiting.id} and acknowledged at ${at(waiting.return)} before it began, had been taken by no dequeue`;
    }
    return `the dequeue found the queue empty, but the operations that must come before it leave the queue holding ${state}`;
  }
  const value = canonicalJson(op.output);
  const mine = invokedBefore(op, enqueues).filter((e) => canonicalJson(e.input) === value);
  if (mine.length === 0) return `the dequeue returned ${value}, which no enqueue invoked before it returned (at ${at(op.return)}) added`;
  const takers = dequeues.filter((d) => d.status === 'ok' && d.output !== null && canonicalJson(d.output) === value);
  if (takers.length > enqueues.filter((e) => e.status !== 'fail' && canonicalJson(e.input) === value).length) {
    return `${value} was dequeued ${takers.length} times (${takers.map((d) => `#${d.id}`).join(', ')}) but enqueued fewer times`;
  }
  // An element whose enqueue was acknowledged before any enqueue of this value began is ahead of it in the queue.
  const firstCall = Math.min(...mine.map((e) => e.call));
  const ahead = enqueues.find((e) => e.status === 'ok' && e.return < firstCall && canonicalJson(e.input) !== value && untaken(canonicalJson(e.input)));
  if (ahead !== undefined) {
    return `the dequeue returned ${value}, but ${quote(ahead.input)} was ahead of it: its enqueue (#${ahead.id}) was acknowledged at ${at(ahead.return)}, before ${value} was enqueued, and no dequeue had taken it`;
  }
  return `the dequeue returned ${value}, but the operations that must come before it leave the queue holding ${state}`;
}
