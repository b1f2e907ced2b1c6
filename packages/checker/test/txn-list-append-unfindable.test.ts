import { describe, expect, it } from 'vitest';
import { checkListAppend } from '../src/txn/list-append/check.ts';
import { unfindableGSingle } from './txn-elle-unfindable.ts';

// elle test/elle/list_append_test.clj unfindable-g-single. Elle's G-single search times out on this
// history ("if Elle gets faster, it may start failing") and its cycle-exists pass proves the SI
// violation; faultline's search finds the cycle itself. Forcing the timeout gives Elle's answer.
describe('list-append: Elle unfindable-g-single', () => {
  const n = 1000;
  const h = unfindableGSingle(n, 30);

  it('finds the G-single-item ring itself: the n ring transactions, ww steps and one rw', () => {
    const r = checkListAppend(h, { consistencyModels: ['snapshot-isolation'] });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['G-single-item'], not: ['consistent-view', 'repeatable-read'] });
    const a = r.anomalies.get('G-single-item')![0]!;
    expect(a.txns).toHaveLength(n + 1);
    expect(new Set(a.txns.map((id) => h.txns[id]!.process))).toEqual(new Set([0]));
    expect(a.steps!.filter((s) => s.type === 'rw').map((s) => s.key)).toEqual([':anti']);
  });

  it("with the search timed out, Elle's exact answer: PL-SI-cycle-exists over the ring minus its linchpin, and cycle-search-timeout", () => {
    const r = checkListAppend(h, { consistencyModels: ['snapshot-isolation'], sccTimeoutMs: 0 });
    expect({ valid: r.valid, types: r.anomalyTypes, not: r.not }).toEqual({ valid: false, types: ['PL-SI-cycle-exists', 'cycle-search-timeout'], not: ['repeatable-read', 'snapshot-isolation'] });
    const scc = r.anomalies.get('PL-SI-cycle-exists')![0]!.txns;
    // Elle: :scc-size (dec n), the completions of ring transactions 0 .. n-2 (indices 1, 3, ...).
    expect([...scc].map((id) => h.txns[id]!.index).sort((x, y) => x - y)).toEqual(Array.from({ length: n - 1 }, (_, i) => 2 * i + 1));
    expect(r.anomalies.get('cycle-search-timeout')![0]!.text).toMatch(/component of 29942 transactions for G-single-item/);
  });
});
