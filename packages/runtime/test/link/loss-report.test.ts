// Issue 27, item 1: drops are "counted with their reason in messageStats() and reported to the
// driver" — reported coalesced, never one report per dropped message.
import { describe, expect, it } from 'vitest';
import { LOSS_REPORT_MS, LossReport, type LossCount } from '../../src/host/link/loss-report.ts';

/** A hand-driven timer: `fire()` runs what is scheduled, as the interval ending would. */
function manualTimer() {
  let due: (() => void) | undefined;
  const delays: number[] = [];
  return {
    schedule: (fn: () => void, ms: number) => {
      due = fn;
      delays.push(ms);
      return () => { due = undefined; };
    },
    fire: () => { const fn = due; due = undefined; fn?.(); },
    get scheduled() { return due !== undefined; },
    delays,
  };
}

describe('LossReport', () => {
  it('reports a million drops on one link as one report per link and reason per interval, with the exact sums', () => {
    const timer = manualTimer();
    const reports: LossCount[] = [];
    const losses = new LossReport((l) => reports.push(l), timer.schedule);
    for (let i = 0; i < 1_000_000; i++) losses.add('n1', 'n2', 'send-queue-full', 1);
    losses.add('n1', 'n2', 'lost-in-transit', 7);
    losses.add('n3', 'n2', 'send-queue-full', 2);
    expect(reports).toEqual([]);
    expect(timer.delays).toEqual([LOSS_REPORT_MS]);
    timer.fire();
    expect(reports).toEqual([
      { from: 'n1', to: 'n2', reason: 'send-queue-full', count: 1_000_000 },
      { from: 'n1', to: 'n2', reason: 'lost-in-transit', count: 7 },
      { from: 'n3', to: 'n2', reason: 'send-queue-full', count: 2 },
    ]);
  });

  it('starts a new interval only with the next drop, and reports nothing while none happen', () => {
    const timer = manualTimer();
    const reports: LossCount[] = [];
    const losses = new LossReport((l) => reports.push(l), timer.schedule);
    losses.add('a', 'b', 'mailbox-full', 3);
    timer.fire();
    expect(timer.scheduled).toBe(false);
    losses.add('a', 'b', 'mailbox-full', 0);
    expect(timer.scheduled).toBe(false);
    losses.add('a', 'b', 'mailbox-full', 4);
    timer.fire();
    expect(reports.map((r) => r.count)).toEqual([3, 4]);
  });

  it('reports what is pending at once when flushed (the node closing), and cancels the timer', () => {
    const timer = manualTimer();
    const reports: LossCount[] = [];
    const losses = new LossReport((l) => reports.push(l), timer.schedule);
    losses.add('a', 'b', 'node-down', 5);
    losses.flush();
    expect(reports).toEqual([{ from: 'a', to: 'b', reason: 'node-down', count: 5 }]);
    expect(timer.scheduled).toBe(false);
    losses.flush();
    expect(reports).toHaveLength(1);
  });
});
