import { describe, expect, it } from 'vitest';
import { checkListAppend } from '../src/txn/list-append/check.ts';
import { LIST_APPEND_CASES } from './txn-elle-cases.ts';

// Elle's own list-append test histories (jepsen-io/elle test/elle/list_append_test.clj), each
// expected anomaly found and no others, with the weakest ruled-out models Elle's test states.
describe('list-append: Elle test histories', () => {
  for (const c of LIST_APPEND_CASES) {
    it(`${c.source}: ${c.valid} ${c.types.join(' ') || '(none)'}`, () => {
      const r = checkListAppend(c.history, c.opts);
      expect({ valid: r.valid, types: r.anomalyTypes, reason: r.reason }).toEqual({ valid: c.valid, types: c.types, reason: undefined });
      if (c.not !== undefined && c.valid !== true) expect(r.not).toEqual([...c.not].sort());
    });
  }
});

describe('list-append: Elle histories/ files', () => {
  it('elle intermediate-sequential-extension-test (histories/si-without-g-single.edn): G2-item only, not repeatable-read', async () => {
    const { readTxnHistoryFile } = await import('../src/txn/history/parse-txn.ts');
    const h = await readTxnHistoryFile(new URL('./fixtures/elle-si-without-g-single.edn', import.meta.url).pathname);
    const r = checkListAppend(h, { consistencyModels: ['snapshot-isolation', 'repeatable-read'] });
    expect(r.anomalyTypes).toEqual(['G2-item']);
    expect(r.not).toEqual(['repeatable-read']);
  });
});

describe('list-append: budgets', () => {
  it('answers unknown, naming the memory budget, when the heap is over --max-memory-mb (never a verdict)', () => {
    const c = LIST_APPEND_CASES[0]!;
    const r = checkListAppend(c.history, { ...c.opts, maxMemoryMb: 1 });
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/memory budget ran out/);
  });

  it('answers unknown, naming the time budget, when it has run out', () => {
    const c = LIST_APPEND_CASES[0]!;
    const r = checkListAppend(c.history, { ...c.opts, timeoutMs: 0, startedAt: performance.now() - 1 });
    expect(r.valid).toBe('unknown');
    expect(r.reason).toMatch(/time budget ran out/);
  });
});
