import { parseTxnHistory } from '../src/txn/history/parse-txn.ts';
import type { TxnHistory } from '../src/txn/history/txn.ts';

/** One operation as Elle's tests write them. */
export interface TestOp {
  type: 'invoke' | 'ok' | 'fail' | 'info';
  process?: number;
  index?: number;
  time?: number;
  value: unknown[][];
}

/**
 * Elle's test shorthand (jepsen-io/elle test/elle/list_append_test.clj `op`): `ax1` appends 1 to
 * :x, `ry12` reads :y = [1 2], `rx` reads :x = nil. Returns an ok completion on process 0.
 */
export function op(s: string, type: TestOp['type'] = 'ok', process = 0): TestOp {
  const mops: unknown[][] = [];
  let cur: unknown[] | undefined;
  for (const c of s) {
    if (c === 'a' || c === 'r') {
      cur = [c === 'a' ? ':append' : ':r'];
      mops.push(cur);
    } else if ('xyztu'.includes(c)) {
      cur!.push(`:${c}`, cur![0] === ':r' ? null : undefined);
      cur!.length = 2;
      cur!.push(null);
    } else {
      const e = Number(c);
      if (cur![0] === ':append') cur![2] = e;
      else cur![2] = [...((cur![2] as number[] | null) ?? []), e];
    }
  }
  return { type, process, value: mops };
}

/** An invocation (reads unknown) and the completion (elle list_append_test.clj `pair`). */
export function pair(completion: TestOp): [TestOp, TestOp] {
  return [{ ...completion, type: 'invoke', value: completion.value.map((m) => (m[0] === ':r' ? [m[0], m[1], null] : m)) }, completion];
}

/** Builds a history the way Elle's `h/history` does: indices by position unless given. */
export function history(ops: readonly TestOp[]): TxnHistory {
  const lines = ops.map((o, i) => JSON.stringify({ type: o.type, process: o.process ?? 0, index: o.index ?? i, time: o.time ?? 0, f: 'txn', value: o.value.map(toJson) }));
  return parseTxnHistory(lines.join('\n'));
}

function toJson(m: unknown[]): unknown[] {
  return m.map((x) => (typeof x === 'string' && x.startsWith(':') ? x : x));
}

/** Elle's rw-register shorthand (test/elle/rw_register_test.clj `op`): `wx1` writes 1 to :x, `rx1` reads 1, `rx_` reads nil. */
export function rwOp(s: string, type: TestOp['type'] = 'ok', process = 0): TestOp {
  const mops: unknown[][] = [];
  for (let i = 0; i + 2 < s.length + 1; i += 3) {
    const [f, k, v] = [s[i]!, s[i + 1]!, s[i + 2]];
    mops.push([f === 'w' ? ':w' : ':r', `:${k}`, v === undefined || v === '_' ? null : Number(v)]);
  }
  return { type, process, value: mops };
}
