// The time and memory budgets hold in every phase of a check, measured on injected clocks (no
// sleeps, no wall-clock assertions): a clock that jumps past the deadline inside a phase ends the
// check `unknown` with a reason naming that phase. And a crash is never a verdict (exit 70).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Deadline } from '../src/check/deadline.ts';
import { MemoryBudget, SEARCH_OP_BYTES } from '../src/check/memory-budget.ts';
import { CHECK_EXIT, checkHistory, checkOperations, formatJsonl, HistoryBudgetError, pairOperations, registerModel, runCheck, type HistoryEvent, type Model } from '../src/index.ts';
import type { RegisterInput, RegisterOutput, RegisterValue } from '../src/models/register-core.ts';
import { readOperations } from '../src/parse/read-operations.ts';
import { LinearizationSearch, MAX_SEARCH_STATES } from '../src/check/search.ts';
import { ev } from './support.ts';

type RegisterModel = Model<RegisterValue, RegisterInput, RegisterOutput>;

/** `n` sequential writes by one process: trivially linearizable, and long enough for every phase to look at the clock. */
function sequentialWrites(n: number): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (let i = 0; i < n; i++) events.push(ev('invoke', 0, 'write', i % 10, 2 * i), ev('ok', 0, 'write', i % 10, 2 * i + 1));
  return events;
}

/** A clock that stands still until `jump()` moves it far past any deadline. */
function jumpingClock(): { clock: () => number; jump: () => void } {
  let now = 0;
  return { clock: () => now, jump: () => void (now = 1e9) };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'checker-budget-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true });
});

describe('the time budget, phase by phase', () => {
  const events = sequentialWrites(10_000);

  it('ends unknown naming pairing when the clock jumps while events are paired', () => {
    let reads = 0;
    // The first reading is the start; every later one (the pairing's look at the clock) is past the deadline.
    const clock = () => (reads++ === 0 ? 0 : 1e9);
    const result = checkHistory(registerModel, events, { timeoutMs: 1000, clock });
    expect(result.verdict).toBe('unknown');
    expect(result.perKey).toEqual([{ verdict: 'unknown', key: undefined, operations: 0, reason: 'the time budget of 1000 ms ran out while pairing events into operations at event 8192' }]);
    expect(reads).toBe(2);
  });

  const phases: { phase: string; reason: string; model: (jump: () => void) => RegisterModel }[] = [
    {
      phase: 'partitioning',
      reason: 'the time budget of 1000 ms ran out while partitioning the operations',
      model: (jump) => ({ ...registerModel, partition: (ops) => (jump(), registerModel.partition(ops)) }),
    },
    {
      phase: 'simplifying',
      reason: 'the time budget of 1000 ms ran out while simplifying the operations',
      model: (jump) => ({ ...registerModel, simplify: (ops) => (jump(), registerModel.simplify!(ops)) }),
    },
    {
      phase: 'preparing',
      reason: 'the time budget of 1000 ms ran out while preparing the operations for the search (operation 8192 of 10000)',
      model: (jump) => {
        let prepared = 0;
        return { ...registerModel, prepare: (op) => (++prepared === 100 && jump(), registerModel.prepare(op)) };
      },
    },
    {
      phase: 'indexing',
      reason: 'the time budget of 1000 ms ran out while indexing the operations for the search',
      // The search reads the initial state while it builds its index.
      model: (jump) => Object.defineProperty({ ...registerModel }, 'init', { get: () => (jump(), registerModel.init) }),
    },
    {
      phase: 'searching',
      reason: 'the time budget of 1000 ms ran out while searching',
      model: (jump) => ({ ...registerModel, step: (s, i, o) => (jump(), registerModel.step(s, i, o)) }),
    },
  ];

  it.each(phases)('ends unknown naming $phase when the clock jumps during it', ({ reason, model }) => {
    const { clock, jump } = jumpingClock();
    const result = checkHistory(model(jump), events, { timeoutMs: 1000, clock });
    expect(result.verdict).toBe('unknown');
    expect(result.perKey).toHaveLength(1);
    expect(result.perKey[0]).toMatchObject({ verdict: 'unknown', operations: 10_000, reason });
    expect(result.explanation).toContain(reason);
  });

  it('looks at the clock between the passes that build the index, not only after', () => {
    const ops = pairOperations(events).map((op) => ({ call: op.call, return: op.return, required: true, ...registerModel.prepare(op)! }));
    let looks = 0;
    const search = new LinearizationSearch(registerModel, ops, new MemoryBudget(Infinity), MAX_SEARCH_STATES, () => void looks++);
    expect(looks).toBeGreaterThanOrEqual(5);
    search.abandon();
  });

  it('decides the same history when the clock does not jump', () => {
    const { clock } = jumpingClock();
    expect(checkHistory(registerModel, events, { timeoutMs: 1000, clock }).verdict).toBe('linearizable');
  });

  it('ends reading naming the line when the clock jumps while the file is read', async () => {
    const file = join(dir, 'long.jsonl');
    await writeFile(file, formatJsonl(events));
    let reads = 0;
    const clock = () => (reads++ === 0 ? 0 : 1e9);
    const deadline = Deadline.of({ timeoutMs: 1000, clock });
    const reading = readOperations(file, { deadline, budget: new MemoryBudget(Infinity), keepEvents: false });
    await expect(reading).rejects.toThrow(new HistoryBudgetError('the time budget of 1000 ms ran out while reading line 8192'));
  });
});

describe('the memory budget', () => {
  const events = sequentialWrites(10_000);

  it('counts the operations read from a file, and ends unknown naming the budget when they outgrow it', async () => {
    const file = join(dir, 'big.jsonl');
    await writeFile(file, formatJsonl(events));
    const tight = new MemoryBudget(100_000);
    const reading = readOperations(file, { deadline: Deadline.of({}), budget: tight, keepEvents: false });
    await expect(reading).rejects.toThrow(/^the memory budget of 1 MiB ran out while reading line 8192: the operations read so far take about 1 MiB; raise --max-memory-mb$/);
    const roomy = new MemoryBudget(2 ** 30);
    const read = await readOperations(file, { deadline: Deadline.of({}), budget: roomy, keepEvents: false });
    expect(read.ops).toHaveLength(10_000);
    expect(roomy.used).toBe(read.bytes);
    expect(read.bytes).toBeGreaterThan(10_000 * 50);
  });

  it("ends with a reason, not a crash, when the operations would not fit in Node's heap", async () => {
    const file = join(dir, 'heap.jsonl');
    await writeFile(file, formatJsonl(events));
    const reading = readOperations(file, { deadline: Deadline.of({}), budget: new MemoryBudget(Infinity), keepEvents: false, heapLimit: 2 ** 20 });
    await expect(reading).rejects.toThrow(
      /^the history does not fit in Node's heap \(limit 1 MiB\): at line 8192 its operations already need about 2 MiB; run node with a larger --max-old-space-size$/,
    );
    await expect(reading).rejects.toMatchObject({ budget: 'memory' });
  });

  it('ends the command unknown (exit 2) naming the memory budget when the operations read outgrow it', async () => {
    const file = join(dir, 'many.jsonl');
    await writeFile(file, formatJsonl(sequentialWrites(20_000)));
    const lines: string[] = [];
    const code = await runCheck([file, '--model', 'register', '--max-memory-mb', '1'], (line) => lines.push(line));
    expect(code).toBe(CHECK_EXIT.unknown);
    expect(lines).toEqual([
      'verdict: unknown',
      'unknown: the memory budget of 1 MiB ran out while reading line 24576: the operations read so far take about 2 MiB; raise --max-memory-mb.',
    ]);
  });

  it('counts the search form of the operations, and returns it to the budget when done', () => {
    const ops = checkHistory(registerModel, events).perKey[0]!.operations;
    expect(ops).toBe(10_000);
    const small = new MemoryBudget(10_000 * SEARCH_OP_BYTES - 1);
    const result = checkHistory(registerModel, events, { budget: small });
    expect(result.verdict).toBe('unknown');
    expect(result.perKey[0]).toMatchObject({ verdict: 'unknown', reason: expect.stringMatching(/^the memory budget of \d+(\.\d+)? MiB ran out while preparing the operations for the search \(10000 operations need about 2 MiB more\); raise --max-memory-mb$/) });
    expect(small.used).toBe(0);
    const enough = new MemoryBudget(2 ** 30);
    expect(checkOperations(registerModel, [], { budget: enough }).verdict).toBe('linearizable');
    expect(checkHistory(registerModel, events, { budget: enough }).verdict).toBe('linearizable');
    expect(enough.used).toBe(0);
  });
});

describe('a sequential history', () => {
  it("takes memory linear in its operations: the budget's peak per op stays the same from 10k to 40k ops", () => {
    const perOp = (n: number): number => {
      const budget = new MemoryBudget(2 ** 31);
      expect(checkHistory(registerModel, sequentialWrites(n), { budget }).verdict).toBe('linearizable');
      expect(budget.used).toBe(0);
      return budget.peak / n;
    };
    const small = perOp(10_000);
    const large = perOp(40_000);
    // The search form of each op plus a few words of cache per configuration; a cache keeping whole
    // bitsets would need n/8 bytes per configuration, i.e. 5 KB per op at 40k.
    expect(large).toBeLessThan(SEARCH_OP_BYTES + 128);
    expect(large / small).toBeLessThan(1.25);
  });
});

describe('a crash is never a verdict', () => {
  it('exits 70 (internal error), not 0, 1 or 2, when something throws that is not a typed error', async () => {
    const file = join(dir, 'ok.jsonl');
    await writeFile(file, formatJsonl(sequentialWrites(3)));
    const lines: string[] = [];
    const code = await runCheck([file, '--model', 'register'], (line) => lines.push(line), () => {
      // Stands in for a bug such as the old uncaught RangeError from a typed array that grew too large.
      throw new RangeError('Invalid typed array length: 4294967296');
    });
    expect(code).toBe(CHECK_EXIT.internal);
    expect(code).toBe(70);
    expect(Object.values(CHECK_EXIT).filter((c) => c === code)).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^internal error \(please report it; this is not a verdict\): RangeError: Invalid typed array length/);
  });
});
