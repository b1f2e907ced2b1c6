// The queue model (FIFO enqueue/dequeue per key, each queue initially empty): hand-made histories
// with known verdicts, and histories recorded from a correct and two broken queue services.
import { describe, expect, it } from 'vitest';
import { checkHistory, checkOperations, modelByName, pairOperations, parseJsonl, queueModel, type HistoryEvent, type JsonValue, type OpFunction } from '../src/index.ts';
import { ops, type OpRow } from './support.ts';

const verdict = (history: ReturnType<typeof ops>) => checkOperations(queueModel, history, { exhaustive: true }).verdict;
const enq = (p: number, v: JsonValue, call: number, ret: number, status: OpRow[6] = 'ok', key = 'q'): OpRow => [p, 'enqueue', v, null, call, ret, status, key];
const deq = (p: number, v: JsonValue, call: number, ret: number, status: OpRow[6] = 'ok', key = 'q'): OpRow => [p, 'dequeue', null, v, call, ret, status, key];

describe('the queue model: linearizable histories', () => {
  it('dequeues sequential enqueues in order, and an empty queue as nil', () => {
    expect(verdict(ops(deq(0, null, 0, 1)))).toBe('linearizable');
    expect(verdict(ops(enq(0, 1, 0, 1), enq(0, 2, 2, 3), deq(1, 1, 4, 5), deq(1, 2, 6, 7), deq(1, null, 8, 9)))).toBe('linearizable');
  });

  it('lets concurrent enqueues be dequeued in either order', () => {
    const both = [enq(0, 'a', 0, 10), enq(1, 'b', 0, 10)];
    expect(verdict(ops(...both, deq(2, 'a', 11, 12), deq(2, 'b', 13, 14)))).toBe('linearizable');
    expect(verdict(ops(...both, deq(2, 'b', 11, 12), deq(2, 'a', 13, 14)))).toBe('linearizable');
  });

  it('lets an empty dequeue overlap an enqueue, and a dequeue overlap the enqueue it returns', () => {
    expect(verdict(ops(enq(0, 1, 0, 10), deq(1, null, 5, 6), deq(1, 1, 7, 8)))).toBe('linearizable');
    expect(verdict(ops(enq(0, 1, 0, 10), deq(1, 1, 5, 6)))).toBe('linearizable');
  });

  it('lets an enqueue of unknown outcome be seen or never seen, but a failed one never', () => {
    expect(verdict(ops(enq(0, 7, 0, 1, 'unknown'), deq(1, 7, 2, 3)))).toBe('linearizable');
    expect(verdict(ops(enq(0, 7, 0, 1, 'unknown'), deq(1, null, 2, 3)))).toBe('linearizable');
    // Unknown outcome: it may take effect after the empty dequeue, then be dequeued.
    expect(verdict(ops(enq(0, 7, 0, 1, 'unknown'), deq(1, null, 2, 3), deq(1, 7, 4, 5)))).toBe('linearizable');
    expect(verdict(ops(enq(0, 7, 0, 1, 'fail'), deq(1, null, 2, 3)))).toBe('linearizable');
    expect(verdict(ops(enq(0, 7, 0, 1, 'fail'), deq(1, 7, 2, 3)))).toBe('not-linearizable');
  });

  it('lets a dequeue of unknown outcome take the head or nothing', () => {
    const two = [enq(0, 1, 0, 1), enq(0, 2, 2, 3), deq(1, null, 4, 5, 'unknown')];
    expect(verdict(ops(...two, deq(2, 2, 10, 11), deq(2, null, 12, 13)))).toBe('linearizable'); // took 1
    expect(verdict(ops(...two, deq(2, 1, 10, 11), deq(2, 2, 12, 13)))).toBe('linearizable'); // took nothing (or came last)
    expect(verdict(ops(...two, deq(2, 1, 10, 11), deq(2, null, 12, 13)))).toBe('linearizable'); // took 2, after the first dequeue
    expect(verdict(ops(...two, deq(2, 1, 10, 11), deq(2, 2, 12, 13), deq(2, null, 14, 15)))).toBe('linearizable'); // queue empty: changed nothing
  });
});

describe('the queue model: non-linearizable histories', () => {
  it('catches FIFO order violated by enqueues that did not overlap', () => {
    expect(verdict(ops(enq(0, 1, 0, 1), enq(0, 2, 2, 3), deq(1, 2, 4, 5)))).toBe('not-linearizable');
    expect(verdict(ops(enq(0, 1, 0, 1), enq(1, 2, 2, 3), deq(2, 2, 4, 5), deq(2, 1, 6, 7)))).toBe('not-linearizable');
  });

  it('catches an element dequeued twice, one after the other or concurrently', () => {
    expect(verdict(ops(enq(0, 1, 0, 1), deq(1, 1, 2, 3), deq(1, 1, 4, 5)))).toBe('not-linearizable');
    expect(verdict(ops(enq(0, 1, 0, 1), deq(1, 1, 2, 9), deq(2, 1, 2, 9)))).toBe('not-linearizable');
  });

  it('catches a lost element: an empty dequeue after an acknowledged enqueue nobody dequeued', () => {
    expect(verdict(ops(enq(0, 1, 0, 1), deq(1, null, 2, 3)))).toBe('not-linearizable');
    expect(verdict(ops(enq(0, 1, 0, 1), enq(0, 2, 2, 3), deq(1, 1, 4, 5), deq(1, null, 6, 7)))).toBe('not-linearizable');
  });

  it('catches a value that was never enqueued', () => {
    expect(verdict(ops(deq(1, 9, 0, 1)))).toBe('not-linearizable');
    expect(verdict(ops(enq(0, 1, 0, 1), deq(1, 9, 2, 3)))).toBe('not-linearizable');
  });

  it('does not let a dequeue of unknown outcome take two elements, or act before its call', () => {
    const three = [enq(0, 1, 0, 1), enq(0, 2, 2, 3), enq(0, 3, 4, 5), deq(1, null, 6, 7, 'unknown')];
    expect(verdict(ops(...three, deq(2, 3, 10, 11)))).toBe('not-linearizable');
    // It was invoked at 10, so it cannot explain the element missing at 2.
    expect(verdict(ops(enq(0, 1, 0, 1), deq(1, null, 2, 3), deq(2, null, 10, 11, 'unknown')))).toBe('not-linearizable');
  });
});

describe('the queue model: values, keys, explanations and bad input', () => {
  it('leaves out enqueues of unknown outcome whose value no ok dequeue returned, and nothing else', () => {
    const history = ops(
      enq(0, 1, 0, 1, 'unknown'), // never returned: dropped
      enq(1, 2, 0, 1, 'unknown'), // returned below: kept
      enq(2, 1, 2, 3), // ok: kept
      deq(3, 2, 4, 5, 'unknown'), // an unknown dequeue's value is not seen: it does not keep 1 alive
      deq(4, 2, 6, 7),
      deq(5, null, 8, 9),
    );
    expect(queueModel.simplify!(history).map((o) => o.id)).toEqual([1, 2, 3, 4, 5]);
    expect(queueModel.simplify!(ops(enq(0, null, 0, 1, 'unknown'))).length).toBe(1); // kept, so prepare reports it
  });


  it('compares entries as values (canonical JSON), and keeps keys independent', () => {
    const history = ops(enq(0, { b: 1, a: [2] }, 0, 1, 'ok', 'x'), deq(1, { a: [2], b: 1 }, 2, 3, 'ok', 'x'), deq(1, '1', 4, 5, 'ok', 'y'), enq(0, 1, 2, 3, 'ok', 'y'));
    const result = checkOperations(queueModel, history, { exhaustive: true });
    expect(result.perKey.map((k) => [k.key, k.verdict])).toEqual([
      ['x', 'linearizable'],
      ['y', 'not-linearizable'], // "1" is not 1
    ]);
  });

  it('explains a violation with readable operations and queues', () => {
    const result = checkOperations(queueModel, ops(enq(0, 1, 0, 1), enq(0, 2, 2, 3), deq(1, 2, 4, 5), deq(1, null, 6, 7, 'unknown')));
    expect(result.explanation).toContain('process 1: dequeue("q") → 2');
    expect(result.explanation).toContain('state at [1, 2]');
    const [enqueue3, dequeue3, dequeueEmpty, dequeueUnknown] = ops(
      [0, 'enqueue', 3, null, 0, 1],
      [0, 'dequeue', null, 3, 0, 1],
      [0, 'dequeue', null, null, 0, 1],
      [0, 'dequeue', null, null, 0, 1, 'unknown'],
    );
    expect(queueModel.describe(enqueue3!)).toBe('enqueue(3)');
    expect(queueModel.describe(dequeue3!)).toBe('dequeue() → 3');
    expect(queueModel.describe(dequeueEmpty!)).toBe('dequeue() → empty');
    expect(queueModel.describe(dequeueUnknown!)).toBe('dequeue() → ?');
    expect(queueModel.describe(ops(enq(0, 'a', 0, 1, 'fail'))[0]!)).toBe('enqueue("q", "a") → failed');
  });

  it('is --model queue, and reads enqueue/dequeue events from JSONL', () => {
    const text = [
      '{"type":"invoke","process":0,"f":"enqueue","key":"q","value":1,"time":0}',
      '{"type":"ok","process":0,"f":"enqueue","key":"q","value":1,"time":1}',
      '{"type":"invoke","process":1,"f":"dequeue","key":"q","value":null,"time":2}',
      '{"type":"ok","process":1,"f":"dequeue","key":"q","value":null,"time":3}',
    ].join('\n');
    expect(modelByName('queue')).toBe(queueModel);
    expect(checkHistory(queueModel, parseJsonl(text).events).verdict).toBe('not-linearizable'); // 1 was lost
  });

  it('rejects an enqueue of null, a dequeue with an argument and other operations, naming the operation', () => {
    expect(() => checkOperations(queueModel, ops(enq(3, null, 0, 1)))).toThrow(/queue model cannot check operation #0 \(process 3, enqueue.*not null/);
    expect(() => checkOperations(queueModel, ops([0, 'dequeue', 5, 5, 0, 1, 'ok', 'q']))).toThrow(/dequeue takes no argument/);
    expect(() => checkOperations(queueModel, ops([0, 'read', null, [], 0, 1, 'ok', 'q']))).toThrow(/unsupported operation read/);
  });
});

/** How the simulated service behaves: a correct FIFO, a LIFO "queue", or one whose enqueue is a racy read-modify-write. */
type Flavour = 'fifo' | 'lifo' | 'racy';

/**
 * A tiny queue service run by a seeded schedule: three clients enqueue (unique values) and
 * dequeue; one request in ten times out (recorded as info; the service applied it or not). A
 * racy enqueue copies the queue when handled and writes copy + value back two time units later,
 * clobbering whatever happened in between. Returns the events and how many enqueues clobbered.
 */
function recordService(seed: number, flavour: Flavour): { events: HistoryEvent[]; clobbered: number } {
  let x = seed;
  const rand = (n: number): number => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  interface Planned { process: number; f: OpFunction; call: number; at: number; commit: number; ret: number; value: JsonValue; applied: boolean; timeout: boolean; result: JsonValue }
  const clock = [0, 0, 0];
  const ids = [0, 1, 2];
  const planned: Planned[] = [];
  for (let i = 0; i < 60; i++) {
    const p = rand(3);
    const f: OpFunction = rand(5) < 3 ? 'enqueue' : 'dequeue';
    const call = clock[p]! + 1 + rand(3);
    const at = call + 1 + rand(3); // the moment the service handles it
    const commit = flavour === 'racy' && f === 'enqueue' ? at + 2 : at;
    const ret = commit + 1 + rand(3);
    const timeout = rand(10) === 0;
    planned.push({ process: ids[p]!, f, call, at, commit, ret, value: f === 'enqueue' ? i : null, applied: !timeout || rand(2) === 0, timeout, result: null });
    clock[p] = ret;
    if (timeout) ids[p]! += 3; // after an info the client continues as a fresh process
  }
  // Handle every applied request in time order: a racy enqueue reads at `at` and writes at `commit`.
  const actions: { time: number; run: () => void }[] = [];
  let queue: JsonValue[] = [];
  let clobbered = 0;
  for (const op of planned.filter((o) => o.applied)) {
    if (op.f === 'dequeue') {
      actions.push({ time: op.at, run: () => (op.result = (flavour === 'lifo' ? queue.pop() : queue.shift()) ?? null) });
    } else if (op.commit === op.at) {
      actions.push({ time: op.at, run: () => queue.push(op.value) });
    } else {
      let copy: JsonValue[] = [];
      actions.push({ time: op.at, run: () => (copy = [...queue]) });
      actions.push({
        time: op.commit,
        run: () => {
          if (queue.length !== copy.length || queue.some((v, i) => v !== copy[i])) clobbered++;
          queue = [...copy, op.value];
        },
      });
    }
  }
  for (const action of actions.map((a, order) => ({ ...a, order })).sort((a, b) => a.time - b.time || a.order - b.order)) action.run();
  const events: HistoryEvent[] = [];
  for (const op of planned) {
    events.push({ type: 'invoke', process: op.process, f: op.f, key: 'q', value: op.value, time: op.call });
    const completion = op.timeout ? { type: 'info' as const, value: op.value } : { type: 'ok' as const, value: op.f === 'enqueue' ? op.value : op.result };
    events.push({ ...completion, process: op.process, f: op.f, key: 'q', time: op.ret });
  }
  // Clients run one at a time per process, but their events interleave in time order.
  return { events: events.map((e, order) => ({ e, order })).sort((a, b) => a.e.time - b.e.time || a.order - b.order).map(({ e }) => e), clobbered };
}

describe('a recorded queue service', () => {
  const seeds = [1, 2, 3];

  it.each(seeds)('is linearizable when it is a FIFO queue (seed %i)', (seed) => {
    const { events } = recordService(seed, 'fifo');
    const history = pairOperations(events);
    expect(history.filter((o) => o.f === 'dequeue' && o.status === 'ok' && o.output !== null).length).toBeGreaterThan(5); // it dequeued things
    expect(history.some((o) => o.status === 'unknown')).toBe(true); // and had timeouts to reason about
    expect(checkOperations(queueModel, history).verdict).toBe('linearizable');
  });

  it.each(seeds)('is caught serving the newest element first (LIFO, seed %i)', (seed) => {
    const result = checkOperations(queueModel, pairOperations(recordService(seed, 'lifo').events));
    expect(result.verdict).toBe('not-linearizable');
    expect(result.explanation).toMatch(/dequeue\("q"\) → /);
  });

  it.each(seeds)('is caught losing enqueues that overlap (racy read-modify-write, seed %i)', (seed) => {
    const { events, clobbered } = recordService(seed, 'racy');
    expect(clobbered).toBeGreaterThan(0); // the race happened in this run
    expect(checkOperations(queueModel, pairOperations(events)).verdict).toBe('not-linearizable');
  });
});
