import type { Json } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import { Anomalies, at, type CheckVerdict, type Workload } from './workload.ts';

const KEYS = 4;

/** Consistency models the checker can hold a run to (Maelstrom's `--consistency-models`). */
export const CONSISTENCY_MODELS = ['read-uncommitted', 'read-committed'] as const;
export type ConsistencyModel = (typeof CONSISTENCY_MODELS)[number];

/** One micro-operation: ["r", key, value-or-null] or ["w", key, value]. */
type Micro = [string, number, number | null];

/**
 * Maelstrom's `txn-rw-register`: transactions of reads and writes on a few registers, every
 * written value unique per key. Checked for read committed with Elle's names: `G1a` (aborted
 * read: a value only a failed transaction wrote), `G1b` (intermediate read: a value its writer
 * overwrote in the same transaction), `internal` (a read after the transaction's own write that
 * does not see it), and `garbage-read` (a value nobody wrote). Cycles (G0, G1c) are not searched.
 */
export function txnWorkload(model: ConsistencyModel = 'read-committed'): Workload {
  let next = 1;
  return {
    name: 'txn-rw-register',
    generate: (rng) => {
      const txn: Micro[] = Array.from({ length: 1 + rng.int(4) }, () => (rng.chance(0.5) ? ['r', rng.int(KEYS), null] : ['w', rng.int(KEYS), next++]));
      return { f: 'txn', value: txn as unknown as Json, body: { type: 'txn', txn: txn as unknown as Json } };
    },
    complete: (_f, reply) => (reply['txn'] ?? null) as Json,
    check: (ops) => checkTxn(ops, model),
  };
}

function checkTxn(ops: readonly OpRecord[], model: ConsistencyModel): ReturnType<Workload['check']> {
  const found = new Anomalies();
  const txns = ops.filter((o) => o.f === 'txn');
  // Who wrote each (key, value), whether that txn failed, and whether it was the txn's last write of the key.
  const writers = new Map<string, { op: OpRecord; final: boolean }>();
  for (const op of txns) {
    const micro = (op.type === 'ok' && Array.isArray(op.result) ? op.result : op.value) as Micro[];
    const last = new Map<number, number | null>();
    for (const [f, k, v] of micro) if (f === 'w') last.set(k, v);
    for (const [f, k, v] of micro) if (f === 'w') writers.set(`${k}=${v}`, { op, final: last.get(k) === v });
  }
  let readsChecked = 0;
  for (const op of txns) {
    if (op.type !== 'ok') continue;
    if (!Array.isArray(op.result)) { found.add('malformed-reply', `${at(op)} txn_ok without a txn list`); continue; }
    const own = new Map<number, number | null>();
    for (const m of op.result as Micro[]) {
      if (!Array.isArray(m) || m.length !== 3) { found.add('malformed-reply', `${at(op)} micro-op ${JSON.stringify(m)}`); continue; }
      const [f, k, v] = m;
      if (f === 'w') { own.set(k, v); continue; }
      readsChecked++;
      if (own.has(k)) {
        if (v !== own.get(k)) found.add('internal', `${at(op)} wrote ${k}=${own.get(k)} then read ${k}=${JSON.stringify(v)}`);
        continue;
      }
      if (v === null) continue;
      const w = writers.get(`${k}=${v}`);
      if (!w) found.add('garbage-read', `${at(op)} read ${k}=${v}, which no transaction wrote`);
      else if (w.op === op) continue;
      else if (w.op.type === 'fail') found.add('G1a', `${at(op)} read ${k}=${v}, written by a transaction that failed (${at(w.op)}, ${w.op.error?.name ?? 'fail'})`);
      else if (!w.final) found.add('G1b', `${at(op)} read ${k}=${v}, an intermediate value its writer (${at(w.op)}) overwrote`);
    }
  }
  const ok = txns.filter((o) => o.type === 'ok').length;
  // Read uncommitted allows dirty reads: G1a and G1b are reported but do not make the run invalid.
  const allowed = model === 'read-uncommitted' ? ['G1a', 'G1b'] : [];
  const forbidden = Object.keys(found.counts).filter((k) => !allowed.includes(k));
  const lines = [
    `${txns.length} transactions (${ok} ok), ${readsChecked} reads checked for ${model} (${model === 'read-committed' ? 'G1a, G1b, ' : ''}internal, garbage-read)`,
    ...found.examples.map((e) => (forbidden.some((k) => e.startsWith(`${k}:`)) ? e : `${e} (allowed under ${model})`)),
  ];
  const v: CheckVerdict = forbidden.length > 0 ? { valid: false } : ok > 0 ? { valid: true } : { valid: 'unknown', unknownReason: 'no transaction succeeded, so nothing could be checked' };
  return { ...v, anomalies: found.counts, lines };
}
