import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockValueError } from '../../src/clock/errors.ts';
import { LamportClock, compareLamport, type LamportTimestamp } from '../../src/clock/lamport.ts';
import { executionArb, happenedBefore, pairs, stampAll } from './execution-model.ts';

// Lamport 1978, "Time, Clocks, and the Ordering of Events in a Distributed System".
describe('LamportClock', () => {
  it('adds one for every local event or send (IR1)', () => {
    const clock = new LamportClock('a');
    expect(clock.tick()).toEqual({ time: 1, node: 'a' });
    expect(clock.tick()).toEqual({ time: 2, node: 'a' });
    expect(clock.time).toBe(2);
  });

  it('takes max(local, remote) + 1 on receive (IR2)', () => {
    const clock = new LamportClock('b');
    expect(clock.receive({ time: 7 })).toEqual({ time: 8, node: 'b' });
    expect(clock.receive({ time: 3 })).toEqual({ time: 9, node: 'b' });
  });

  it('breaks ties by node id, so compareLamport is a total order (§3)', () => {
    const a: LamportTimestamp = { time: 4, node: 'a' };
    const b: LamportTimestamp = { time: 4, node: 'b' };
    expect(compareLamport(a, b)).toBe(-1);
    expect(compareLamport(b, a)).toBe(1);
    expect(compareLamport(a, { time: 4, node: 'a' })).toBe(0);
    expect(compareLamport({ time: 3, node: 'z' }, a)).toBe(-1);
  });

  it('rejects a received time that is not a non-negative safe integer', () => {
    const clock = new LamportClock('a');
    for (const time of [-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 2]) {
      expect(() => clock.receive({ time })).toThrow(ClockValueError);
    }
    expect(() => clock.receive({ time: Number.NaN })).toThrow(/got NaN/);
    expect(clock.time).toBe(0);
  });

  it('gives a → b ⇒ L(a) < L(b) on random executions (the clock condition, §3)', () => {
    fc.assert(
      fc.property(executionArb(), (exec) => {
        const clocks = Array.from({ length: exec.processes }, (_, p) => new LamportClock(`p${p}`));
        const at = (p: number): LamportClock => clocks[p] as LamportClock;
        const stamps = stampAll<LamportTimestamp>(exec, {
          local: (p) => at(p).tick(),
          send: (p) => at(p).tick(),
          receive: (p, s) => at(p).receive(s),
        });
        const hb = happenedBefore(exec);
        for (const [a, b] of pairs(stamps.length)) {
          const sa = stamps[a] as LamportTimestamp;
          const sb = stamps[b] as LamportTimestamp;
          if (hb(a, b) && !(sa.time < sb.time && compareLamport(sa, sb) === -1)) return false;
          if (compareLamport(sa, sb) === 0) return false; // distinct events never tie
        }
        return true;
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it('cannot tell concurrent events apart: they still get ordered times', () => {
    const a = new LamportClock('a');
    const b = new LamportClock('b');
    a.tick();
    const x = a.tick();
    const y = b.tick(); // concurrent with x
    expect(compareLamport(y, x)).toBe(-1); // looks "earlier", but nothing connects them
  });
});
