import type { CycleStep, TxnCheckResult, TxnHistory } from '@faultline/checker';
import type { CycleEdge, CycleTxn, TxnCycleChart } from './txn-cycle-chart.ts';

export type { CycleEdge, CycleTxn, TxnCycleChart } from './txn-cycle-chart.ts';

const show = (v: unknown): string => (v === 'init' ? 'init' : v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** The label of a step: relationship, key and versions. */
export function stepLabel(s: CycleStep): string {
  if (s.type === 'process') return `process${s.process === undefined ? '' : ` ${s.process}`}`;
  if (s.type === 'realtime') return 'realtime';
  const key = s.key === undefined ? '' : ` ${show(s.key)}`;
  const v = s.value === undefined ? '' : ` ${show(s.value)}${s.value2 === undefined ? '' : `→${show(s.value2)}`}`;
  return `${s.type}${key}${v}`;
}

/**
 * The cycle of each anomaly that has one (at most `perType` per type), each transaction placed by
 * where its invocation and completion fall in the history's events.
 */
export function txnCycleCharts(h: TxnHistory, r: TxnCheckResult, perType = 4): TxnCycleChart[] {
  const invokeAt = new Map<number, number>();
  const completeAt = new Map<number, number>();
  h.events.forEach((e, i) => (e >= 0 ? invokeAt.set(e, i) : completeAt.set(~e, i)));
  const out: TxnCycleChart[] = [];
  for (const [type, list] of r.anomalies) {
    for (const a of list.filter((x) => x.steps !== undefined && x.txns.length > 1).slice(0, perType)) {
      const ids = a.txns.slice(0, -1);
      const txns = ids.map((id): CycleTxn => {
        const t = h.txns[id]!;
        const end = completeAt.get(id) ?? id;
        return { name: `T${t.index}`, process: t.process, start: invokeAt.get(id) ?? end, end, mops: t.mops.map((m) => `[:${m.f} ${show(m.key)} ${m.value === null ? 'nil' : Array.isArray(m.value) ? `[${m.value.map(show).join(' ')}]` : show(m.value)}]`).join(' ') };
      });
      const edges = a.steps!.map((s, i): CycleEdge => ({ from: i, to: (i + 1) % ids.length, rel: s.type, label: stepLabel(s), text: s.text }));
      out.push({ type, txns, edges });
    }
  }
  return out;
}
