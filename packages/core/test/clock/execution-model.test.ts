import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionArb, happenedBefore, type Execution } from './execution-model.ts';

// The reference every clock property below is checked against; check the reference itself first.
describe('the execution model used as the happened-before reference', () => {
  const exec: Execution = {
    processes: 3,
    events: [
      { kind: 'local', process: 0, trueMs: 0 }, // 0
      { kind: 'send', process: 0, message: 0, trueMs: 1 }, // 1
      { kind: 'local', process: 2, trueMs: 2 }, // 2
      { kind: 'receive', process: 1, message: 0, trueMs: 3 }, // 3
      { kind: 'local', process: 1, trueMs: 4 }, // 4
    ],
  };
  const hb = happenedBefore(exec);

  it('orders events of one process by their position (Lamport 1978, §2, rule 1)', () => {
    expect(hb(0, 1)).toBe(true);
    expect(hb(3, 4)).toBe(true);
  });

  it('orders a send before its receive, transitively (§2, rules 2 and 3)', () => {
    expect(hb(1, 3)).toBe(true);
    expect(hb(0, 4)).toBe(true);
  });

  it('leaves events with no path between them concurrent', () => {
    expect(hb(2, 4)).toBe(false);
    expect(hb(4, 2)).toBe(false);
  });

  it('is irreflexive, antisymmetric and transitive on random executions', () => {
    fc.assert(
      fc.property(executionArb(), (e) => {
        const r = happenedBefore(e);
        const n = e.events.length;
        for (let a = 0; a < n; a++) {
          if (r(a, a)) return false;
          for (let b = 0; b < n; b++) {
            if (r(a, b) && r(b, a)) return false;
            for (let c = 0; c < n; c++) if (r(a, b) && r(b, c) && !r(a, c)) return false;
          }
        }
        return true;
      }),
      { seed: 42, numRuns: 100 },
    );
  });
});
