// checkOperationsParallel: independent keys on worker threads give the same verdicts and per-key
// results as the in-process check; what cannot go to a worker falls back; a failing worker or a
// budget that runs out ends `unknown` with the reason, never a wrong verdict.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { autoThreads, injectCheckWorkerFault } from '../src/check/parallel.ts';
import {
  checkOperations,
  checkOperationsParallel,
  closeCheckWorkers,
  kvModel,
  pairOperations,
  parseHistory,
  PARALLEL_MIN_OPS,
  type CheckResult,
  type Operation,
} from '../src/index.ts';
import { corpusDir } from './support.ts';

afterEach(() => injectCheckWorkerFault(undefined));
afterAll(() => closeCheckWorkers());

function corpusKv(name: string): Operation[] {
  const parsed = parseHistory(readFileSync(join(corpusDir(), 'kv', `${name}.txt`), 'utf8'));
  return pairOperations(parsed.events, parsed.lines);
}

/**
 * A kv history of a correct store (seeded): `processes` clients, one op at a time each, every op
 * taking effect at a random point inside its interval; keys "0", "1", … with `sizes[k]` ops each.
 * With `stale`, one get of key "0" in the middle reads "" although a put completed before it was called.
 */
function kvHistory(seed: number, processes: number, sizes: readonly number[], stale: boolean): Operation[] {
  let s = seed >>> 0;
  const rand = (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const keys = sizes.flatMap((size, k) => Array.from({ length: size }, () => String(k)));
  for (let i = keys.length - 1; i > 0; i--) {
    const j = rand(i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const clock = new Array<number>(processes).fill(0);
  const ops = keys.map((key, id) => {
    const process = id % processes;
    const call = clock[process]! + 1 + rand(20);
    const ret = call + 5 + rand(100);
    clock[process] = ret;
    const r = rand(10);
    const f = r < 5 ? 'get' : r < 8 ? 'put' : 'append';
    const op: Operation = { id, process, f, key, input: f === 'get' ? null : `${rand(10)} `, output: null, call, return: ret, status: 'ok' };
    return { op, at: call + rand(ret - call) };
  });
  const state = new Map<string, string>();
  for (const { op } of [...ops].sort((a, b) => a.at - b.at || a.op.id - b.op.id)) {
    const current = state.get(op.key!) ?? '';
    if (op.f === 'get') op.output = current;
    else state.set(op.key!, op.f === 'put' ? String(op.input) : current + String(op.input));
  }
  const history = ops.map((o) => o.op).sort((a, b) => a.call - b.call);
  history.forEach((op, i) => (op.id = i));
  if (stale) {
    const zero = history.filter((op) => op.key === '0');
    const read = zero.slice(zero.length >> 1).find((g) => g.f === 'get' && zero.some((w) => w.f === 'put' && w.return < g.call));
    read!.output = '';
  }
  return history;
}

/** The per-key results of a check, keyed, for comparing two checks partition by partition. */
function byKey(result: CheckResult): Map<string | undefined, CheckResult['perKey'][number]> {
  return new Map(result.perKey.map((k) => [k.key, k]));
}

describe('checkOperationsParallel', () => {
  it('gives the in-process per-key results on the kv corpus', async () => {
    const ok = corpusKv('c50-ok');
    const parallel = await checkOperationsParallel(kvModel, ok, { workers: 2 });
    expect(parallel).toEqual(checkOperations(kvModel, ok));
    expect(parallel.verdict).toBe('linearizable');

    // Not exhaustive: each side stops soon after its first violation, so which partitions are left
    // unknown differs; every partition both decided must agree.
    const bad = corpusKv('c50-bad');
    const inProcess = byKey(checkOperations(kvModel, bad));
    const result = await checkOperationsParallel(kvModel, bad, { workers: 2 });
    expect(result.verdict).toBe('not-linearizable');
    for (const k of result.perKey) {
      const other = inProcess.get(k.key)!;
      if (k.verdict !== 'unknown' && other.verdict !== 'unknown') expect(k).toEqual(other);
    }
  });

  it('finds one stale read among many keys, with the same counterexample as in-process', async () => {
    // Key "1" is the largest, so this thread checks it; key "0", with the stale read, goes to the worker.
    const history = kvHistory(7, 8, [700, 900, 500, 300], true);
    expect(history.length).toBeGreaterThanOrEqual(PARALLEL_MIN_OPS);
    const exhaustive = await checkOperationsParallel(kvModel, history, { workers: 2, exhaustive: true });
    expect(exhaustive).toEqual(checkOperations(kvModel, history, { exhaustive: true }));
    expect(exhaustive.perKey.map((k) => k.verdict)).toEqual(['not-linearizable', 'linearizable', 'linearizable', 'linearizable']);

    const first = await checkOperationsParallel(kvModel, history, { workers: 2 });
    expect(first.verdict).toBe('not-linearizable');
    expect(first.perKey[0]).toEqual(exhaustive.perKey[0]);

    // With two keys the worker has key "0" alone, so this thread never re-checks it: its
    // counterexample always crosses back from the worker.
    const two = kvHistory(7, 8, [700, 900], true);
    const parallel = await checkOperationsParallel(kvModel, two, { workers: 2 });
    const inProcess = checkOperations(kvModel, two);
    expect(parallel.verdict).toBe(inProcess.verdict);
    expect(parallel.perKey[0]).toEqual(inProcess.perKey[0]);
    // Which other keys finish before the check stops depends on who checked them; none may disagree.
    for (const [i, k] of parallel.perKey.entries()) {
      const other = inProcess.perKey[i]!;
      if (k.verdict !== 'unknown' && other.verdict !== 'unknown') expect(k.verdict).toBe(other.verdict);
    }
  });

  it('checks a custom model object in-process: it cannot cross to a worker', async () => {
    const history = kvHistory(3, 6, [800, 600], false);
    injectCheckWorkerFault('exit'); // a worker would fail; the fallback never starts one
    const custom = { ...kvModel };
    const result = await checkOperationsParallel(custom, history, { workers: 2 });
    expect(result.verdict).toBe('linearizable');
    expect(result).toEqual(checkOperations(kvModel, history));
  });

  it('leaves the partitions of a worker that dies or throws unknown, with the reason', async () => {
    // Key "0" is the larger, so it stays on this thread; key "1" goes to the worker.
    const history = kvHistory(5, 6, [800, 600], false);
    injectCheckWorkerFault('exit');
    const died = await checkOperationsParallel(kvModel, history, { workers: 2 });
    expect(died.verdict).toBe('unknown');
    expect(died.perKey[0]).toEqual(checkOperations(kvModel, history).perKey[0]);
    expect(died.perKey[1]).toMatchObject({ verdict: 'unknown', key: '1', reason: 'its check worker thread failed: it exited with code 3' });
    expect(died.explanation).toContain('its check worker thread failed');

    injectCheckWorkerFault('throw');
    const threw = await checkOperationsParallel(kvModel, history, { workers: 2 });
    expect(threw.perKey[1]).toMatchObject({ verdict: 'unknown', reason: 'its check worker thread failed: Error: injected check worker fault' });

    // The pool replaces the dead worker: the next check runs in parallel again.
    injectCheckWorkerFault(undefined);
    expect(await checkOperationsParallel(kvModel, history, { workers: 2 })).toEqual(checkOperations(kvModel, history));
  });

  it('ends unknown with the reason when the time or the memory budget runs out', async () => {
    // Every partition needs more than one search slice (2048 steps), so none finishes in a budget of 0 ms.
    const history = kvHistory(11, 8, [2600, 2400], false);
    const timed = await checkOperationsParallel(kvModel, history, { workers: 2, timeoutMs: 0 });
    expect(timed.verdict).toBe('unknown');
    for (const k of timed.perKey) expect(k).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('the time budget of 0 ms ran out') });

    // 30 clients: each key's search needs more than the 1 MiB each thread gets.
    const crowded = kvHistory(11, 30, [2600, 2400], false);
    const starved = await checkOperationsParallel(kvModel, crowded, { workers: 2, maxMemoryMb: 1 });
    expect(starved.verdict).toBe('unknown');
    for (const k of starved.perKey) expect(k).toMatchObject({ verdict: 'unknown', reason: expect.stringContaining('memory budget') });
  });
});

describe('autoThreads', () => {
  it('uses every core unless other work keeps them busy', () => {
    expect([0, 1, 2, 2.5, 2.6, 10].map((load) => autoThreads(2, load))).toEqual([2, 2, 2, 2, 1, 1]);
    expect([0, 3, 6, 20].map((load) => autoThreads(8, load))).toEqual([8, 7, 4, 1]);
    expect(autoThreads(1, 0)).toBe(1);
  });
});
