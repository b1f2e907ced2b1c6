import type { TxnHistory } from '../src/txn/history/txn.ts';
import { history, pair, type TestOp } from './txn-support.ts';

/**
 * elle test/elle/list_append_test.clj `unfindable-g-single`: one G-single cycle (a ring of `n`
 * transactions, a ww chain on :ring closed by one rw on :anti) awash in G2-item noise: for each
 * ring member i, a chain of `noiseN` appends to key i ending in an rw hop back to the ring.
 */
export function unfindableGSingle(n = 1000, noiseN = 30): TxnHistory {
  const ok = (process: number, value: unknown[][]): TestOp => ({ type: 'ok', process, value });
  const ring: TestOp[] = [];
  for (let i = 0; i < n; i++) {
    const second = i === 0 ? [':append', ':anti', ':first'] : i === n - 1 ? [':r', ':anti', null] : [':append', i, 0];
    ring.push(ok(0, [[':append', ':ring', i], second]));
  }
  const vo = [ok(1, [[':r', ':ring', Array.from({ length: n }, (_, i) => i)]])];
  const noise: TestOp[] = [];
  for (let i = 1; i < n - 1; i++) {
    for (let j = 1; j < noiseN; j++) {
      if (j === noiseN - 2) noise.push(ok(2, [[':r', i, Array.from({ length: noiseN - 2 }, (_, x) => x)], [':r', `[:anti ${i}]`, null]]));
      else if (j === noiseN - 1) noise.push(ok(2, [[':append', `[:anti ${i}]`, 0], [':r', ':ring', null]]));
      else noise.push(ok(2, [[':append', i, j]]));
    }
  }
  return history([...ring, ...vo, ...noise].flatMap((o) => pair(o)));
}
