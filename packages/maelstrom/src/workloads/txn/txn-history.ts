import type { Elem, Mop, Txn, TxnHistory } from '@faultline/checker';
import type { Json } from '../../protocol/message.ts';
import type { OpRecord } from '../../run/history.ts';

/** A history for the transactional checker, and the ok replies that did not have the request's shape. */
export interface ClientTxnHistory {
  readonly history: TxnHistory;
  /** ok replies whose `txn` did not match the request (counted as indeterminate, as Maelstrom's schema check makes them). */
  readonly malformed: readonly { op: OpRecord; why: string }[];
}

/**
 * Turns the client operations of a txn workload into the checker's history (packages/checker
 * src/txn/history/txn.ts): one transaction per operation, invocations and completions in time
 * order. An ok reply is taken only when it has the request's shape — the same micro-op kinds and
 * keys in the same order, reads filled with `readValue` — as Maelstrom's client schema
 * (txn_list_append.clj `txn!` defrpc) demands; otherwise the operation counts as `info`.
 */
export function toTxnHistory(ops: readonly OpRecord[], readValue: (v: Json) => Mop['value'] | undefined): ClientTxnHistory {
  const malformed: { op: OpRecord; why: string }[] = [];
  const txnOps = ops.filter((o) => o.f === 'txn' && o.type !== undefined);
  const events: { time: number; seq: number; id: number; invoke: boolean }[] = [];
  const built: Omit<Txn, 'index' | 'invokeIndex'>[] = [];
  txnOps.forEach((op, id) => {
    const request = op.value as [string, number, number | null][];
    let type = op.type!;
    let mops: Mop[] = request.map(([f, k, v]) => ({ f: f as Mop['f'], key: k as Elem, value: v }));
    if (type === 'ok') {
      const parsed = parseReply(request, op.result, readValue);
      if (typeof parsed === 'string') {
        malformed.push({ op, why: parsed });
        type = 'info';
      } else mops = parsed;
    }
    built.push({ id, process: op.process, type, mops, time: ns(op.completeTime ?? op.invokeTime), invokeTime: ns(op.invokeTime) });
    events.push({ time: op.invokeTime, seq: 2 * id, id, invoke: true });
    events.push({ time: op.completeTime ?? op.invokeTime, seq: 2 * id + 1, id, invoke: false });
  });
  events.sort((a, b) => a.time - b.time || a.seq - b.seq);
  const index = new Array<number>(built.length);
  const invokeIndex = new Array<number>(built.length);
  const order = new Int32Array(events.length);
  events.forEach((e, i) => {
    if (e.invoke) invokeIndex[e.id] = i;
    else index[e.id] = i;
    order[i] = e.invoke ? e.id : ~e.id;
  });
  // The checker wants transactions in completion order with dense ids in that order.
  const byCompletion = built.map((t, i) => ({ t, i })).sort((a, b) => index[a.i]! - index[b.i]!);
  const renumber = new Map(byCompletion.map(({ i }, dense) => [i, dense]));
  const txns: Txn[] = byCompletion.map(({ t, i }) => ({ ...t, id: renumber.get(i)!, index: index[i]!, invokeIndex: invokeIndex[i]! }));
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    order[i] = v >= 0 ? renumber.get(v)! : ~renumber.get(~v)!;
  }
  return { history: { txns, events: order }, malformed };
}

function parseReply(request: readonly [string, number, number | null][], result: Json, readValue: (v: Json) => Mop['value'] | undefined): Mop[] | string {
  if (!Array.isArray(result)) return 'txn is not a list';
  if (result.length !== request.length) return `txn has ${result.length} micro-ops, the request had ${request.length}`;
  const mops: Mop[] = [];
  for (let i = 0; i < request.length; i++) {
    const [f, k, v] = request[i]!;
    const m = result[i];
    if (!Array.isArray(m) || m.length !== 3) return `micro-op ${i} is not [f, k, v]`;
    if (m[0] !== f || m[1] !== k) return `micro-op ${i} is ${JSON.stringify(m).slice(0, 80)}, the request had ${JSON.stringify([f, k, v])}`;
    if (f !== 'r') {
      if (m[2] !== v) return `micro-op ${i} writes ${JSON.stringify(m[2]).slice(0, 40)}, the request wrote ${v}`;
      mops.push({ f: f as Mop['f'], key: k, value: v });
      continue;
    }
    const read = readValue(m[2] as Json);
    if (read === undefined) return `micro-op ${i} read ${JSON.stringify(m[2]).slice(0, 80)}, not a value this workload reads`;
    mops.push({ f: 'r', key: k, value: read });
  }
  return mops;
}

function ns(ms: number): number {
  return Math.round(ms * 1e6);
}
