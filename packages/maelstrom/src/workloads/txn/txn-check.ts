import { checkListAppend, checkRwRegister, renderResult, type Mop, type TxnCheckResult } from '@faultline/checker';
import type { Json } from '../../protocol/message.ts';
import type { OpRecord } from '../../run/history.ts';
import { at, type CheckReport } from '../workload.ts';
import type { ConsistencyModel } from './consistency.ts';
import { toTxnHistory } from './txn-history.ts';

/** Budget of one check inside a test run (the checker's own CLI takes flags for these). */
const CHECK_TIMEOUT_MS = 60_000;

/**
 * Checks a txn workload's operations with faultline's Elle port (packages/checker/src/txn): list
 * append, or rw-register with writes-follow-reads keys as Maelstrom's txn_rw_register.clj asks
 * (`:wfr-keys? true`). For rw-register, as that file's `checker` wrapper, a cycle-search timeout
 * is ignored and any other anomaly type makes the run invalid.
 */
export function checkTxnOps(kind: 'list-append' | 'rw-register', ops: readonly OpRecord[], models: readonly ConsistencyModel[]): CheckReport {
  const { history, malformed } = toTxnHistory(ops, kind === 'list-append' ? readList : readRegister);
  const options = { consistencyModels: models, timeoutMs: CHECK_TIMEOUT_MS };
  const r: TxnCheckResult = kind === 'list-append' ? checkListAppend(history, options) : checkRwRegister(history, { ...options, wfrKeys: true });
  let valid: CheckReport['valid'] = r.valid;
  let types = r.anomalyTypes;
  if (kind === 'rw-register' && r.reason === undefined) {
    types = types.filter((t) => t !== 'cycle-search-timeout');
    valid = types.length === 0;
  }
  const anomalies: Record<string, number> = {};
  for (const t of types) anomalies[t] = r.anomalies.get(t)?.length ?? 1;
  const ok = history.txns.filter((t) => t.type === 'ok').length;
  const lines = [
    `${history.txns.length} transactions (${ok} ok), checked as Elle's ${kind} for ${models.join(', ')}`,
    ...renderResult({ ...r, valid, anomalyTypes: types, anomalies: new Map([...r.anomalies].filter(([t]) => types.includes(t))) }),
    ...(malformed.length > 0 ? [`${malformed.length} txn_ok replies did not match their request and count as indeterminate (info), as Maelstrom's schema check makes them; first: ${at(malformed[0]!.op)}: ${malformed[0]!.why}`] : []),
  ];
  const extra = { malformedReplies: malformed.length };
  if (valid === 'unknown') return { valid, unknownReason: r.reason ?? (ok === 0 ? 'no transaction succeeded, so nothing could be checked' : 'the checker could not decide'), anomalies, lines, extra };
  return { valid, anomalies, lines, extra };
}

function readList(v: Json): Mop['value'] | undefined {
  if (v === null) return null;
  if (!Array.isArray(v) || !v.every((e) => typeof e === 'number' || typeof e === 'string')) return undefined;
  return v as (number | string)[];
}

function readRegister(v: Json): Mop['value'] | undefined {
  return v === null || typeof v === 'number' || typeof v === 'string' ? v : undefined;
}
