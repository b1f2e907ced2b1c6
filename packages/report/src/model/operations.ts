import { canonicalJson, pairOperations, type CheckResult, type HistoryEvent, type Operation } from '@faultline/checker';
import type { HistoryEntry } from '../folder/layout.ts';
import type { FaultWindow, HistoryModel, KeyVerdict, OperationColumns } from './report-model.ts';

const round = (t: number) => Math.round(t * 1000) / 1000;
const short = (v: unknown) => {
  const s = v === undefined ? '' : canonicalJson(v as never);
  return s.length > 80 ? `${s.slice(0, 79)}…` : s;
};

/** Pairs a history into operations, indexed by the checker's op ids. */
export function operationColumns(events: readonly HistoryEvent[]): OperationColumns {
  const ops = [...pairOperations(events)].sort((a, b) => a.id - b.id);
  const status = (op: Operation) => (op.status === 'unknown' ? 'info' : op.status);
  return {
    count: ops.length,
    process: ops.map((o) => o.process),
    f: ops.map((o) => o.f),
    key: ops.map((o) => o.key ?? ''),
    input: ops.map((o) => short(o.input)),
    output: ops.map((o) => (o.status === 'ok' ? short(o.output) : '')),
    call: ops.map((o) => round(o.call)),
    ret: ops.map((o) => (Number.isFinite(o.return) ? round(o.return) : -1)),
    status: ops.map(status),
  };
}

/** The checker's result with the operations it names given by id. */
export function keyVerdicts(check: CheckResult): KeyVerdict[] {
  const ids = (ops: readonly { id: number }[]) => ops.map((o) => o.id);
  return check.perKey.map((k): KeyVerdict => {
    const base = { key: k.key ?? null, verdict: k.verdict, operations: k.operations };
    switch (k.verdict) {
      case 'linearizable':
        return { ...base, prefix: [], stuck: [], due: -1, state: '', reason: '' };
      case 'not-linearizable': {
        const { prefix, stuck, due, state, why } = k.counterexample;
        const said = why?.map((w) => `#${w.id}: ${w.text}.`);
        return { ...base, prefix: ids(prefix), stuck: ids(stuck), due: due?.id ?? -1, state, reason: '', ...(said ? { why: said } : {}) };
      }
      case 'unknown':
        return { ...base, prefix: [], stuck: [], due: -1, state: '', reason: k.reason };
      default: {
        const never: never = k;
        throw new Error(`unknown verdict ${String(never)}`);
      }
    }
  });
}

/** One history's page model. */
export function historyModel(entry: HistoryEntry, events: readonly HistoryEvent[], check: CheckResult | undefined, windows: readonly FaultWindow[]): HistoryModel {
  return {
    name: entry.name,
    model: entry.model,
    nodeOfProcess: entry.nodeOfProcess ?? {},
    ops: operationColumns(events),
    ...(check ? { check: { verdict: check.verdict, explanation: check.explanation, perKey: keyVerdicts(check) } } : {}),
    ...(entry.messagesPerOp === undefined ? {} : { messagesPerOp: entry.messagesPerOp }),
    windows,
  };
}
