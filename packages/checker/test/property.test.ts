// Property: on small random histories the Wing–Gong–Lowe search (with P-compositionality and
// unknown-outcome handling) agrees with a brute-force enumeration of all linearizations.
// Fixed seeds so any failure reproduces.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { casRegisterModel, checkOperations, kvModel, pairOperations, queueModel, type HistoryEvent, type JsonValue, type Model, type OpFunction } from '../src/index.ts';
import { bruteForceLinearizable } from './reference.ts';

interface Step {
  process: number;
  pick: number;
  value: number;
  outcome: 'ok' | 'fail' | 'info';
}

const step: fc.Arbitrary<Step> = fc.record({
  process: fc.integer({ min: 0, max: 2 }),
  pick: fc.nat(99),
  value: fc.integer({ min: 0, max: 2 }),
  outcome: fc.constantFrom<Step['outcome']>('ok', 'ok', 'ok', 'fail', 'info'),
});

/** Builds a history from random steps: an idle process invokes, a busy one completes; at most `maxOps` ops. */
function history(steps: readonly Step[], maxOps: number, invoke: (s: Step) => { f: OpFunction; key?: string; value: JsonValue }, result: (f: OpFunction, s: Step) => JsonValue): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const busy = new Map<number, { f: OpFunction; key?: string; value: JsonValue }>();
  let invoked = 0;
  steps.forEach((s, index) => {
    const time = Math.floor(index / 2); // pairs of events share a time: touching intervals count as concurrent
    const open = busy.get(s.process);
    if (open === undefined) {
      if (invoked === maxOps) return;
      const op = invoke(s);
      busy.set(s.process, op);
      invoked++;
      events.push({ type: 'invoke', process: s.process, time, ...op });
    } else {
      busy.delete(s.process);
      const value = s.outcome === 'ok' ? result(open.f, s) : open.value;
      events.push({ type: s.outcome, process: s.process, f: open.f, value, time, ...(open.key === undefined ? {} : { key: open.key }) });
    }
  });
  return events;
}

const small = (v: number): JsonValue => (v === 0 ? null : v);

function agrees(model: Model, events: HistoryEvent[]): void {
  const ops = pairOperations(events);
  const expected = model.partition(ops.filter((o) => o.status !== 'fail')).every((part) => bruteForceLinearizable(model, part));
  const verdict = checkOperations(model, ops, { exhaustive: true }).verdict;
  expect(verdict).toBe(expected ? 'linearizable' : 'not-linearizable');
}

describe('the checker against a brute-force reference', () => {
  it('agrees on random cas-register histories of up to 6 operations (read/write/cas, ok/fail/info)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 16 }), (steps) => {
        const events = history(
          steps,
          6,
          (s) => {
            const f: OpFunction = s.pick < 40 ? 'read' : s.pick < 75 ? 'write' : 'cas';
            return { f, value: f === 'read' ? null : f === 'write' ? small(s.value) : [small(s.value), small((s.value + s.pick) % 3)] };
          },
          (f, s) => (f === 'read' ? small(s.value) : null),
        );
        agrees(casRegisterModel, events);
      }),
      { seed: 20240601, numRuns: 3000 },
    );
  });

  it('agrees on random two-key kv histories of up to 6 operations (get/put/append, ok/fail/info)', () => {
    const reads = ['', 'a', 'b', 'ab', 'ba', 'c'];
    fc.assert(
      fc.property(fc.array(step, { maxLength: 16 }), (steps) => {
        const events = history(
          steps,
          6,
          (s) => {
            const f: OpFunction = s.pick < 45 ? 'get' : s.pick < 60 ? 'put' : 'append';
            const key = s.pick % 2 === 0 ? 'x' : 'y';
            return { f, key, value: f === 'get' ? null : ['a', 'b', 'c'][s.value]! };
          },
          (f, s) => (f === 'get' ? reads[(s.value + s.pick) % reads.length]! : null),
        );
        agrees(kvModel, events);
      }),
      { seed: 7, numRuns: 3000 },
    );
  });

  it('agrees on random queue histories of up to 6 operations (enqueue/dequeue, ok/fail/info, repeated values)', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 16 }), (steps) => {
        const events = history(
          steps,
          6,
          (s) => (s.pick < 50 ? { f: 'enqueue', key: 'q', value: 1 + (s.value % 2) } : { f: 'dequeue', key: 'q', value: null }),
          (f, s) => (f === 'dequeue' ? small((s.value + s.pick) % 3) : null),
        );
        agrees(queueModel, events);
      }),
      { seed: 15, numRuns: 3000 },
    );
  });

  it('agrees on kv histories when every state is known by the step that made it (stepIdentityAbove 0)', () => {
    // Puts and appends reach equal strings by different steps ("ab" by put or by two appends):
    // telling them apart must cost only pruning, never a verdict.
    const byStep: Model = { ...kvModel, stepIdentityAbove: 0 } as Model;
    const reads = ['', 'a', 'b', 'ab', 'ba', 'aab'];
    fc.assert(
      fc.property(fc.array(step, { maxLength: 16 }), (steps) => {
        const events = history(
          steps,
          6,
          (s) => {
            const f: OpFunction = s.pick < 40 ? 'get' : s.pick < 55 ? 'put' : 'append';
            return { f, key: 'x', value: f === 'get' ? null : ['a', 'b', 'ab'][s.value]! };
          },
          (f, s) => (f === 'get' ? reads[(s.value + s.pick) % reads.length]! : null),
        );
        agrees(byStep, events);
      }),
      { seed: 11, numRuns: 3000 },
    );
  });
});
