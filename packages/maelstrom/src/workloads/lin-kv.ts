import { casRegisterModel, checkOperations, type JsonValue, type Operation } from '@faultline/checker';
import type { Json } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import type { OpRequest } from '../run/clients.ts';
import type { CheckVerdict, Workload } from './workload.ts';

/** Keys and values of lin-kv operations: few of each, so operations collide (Maelstrom's defaults are similar). */
const KEYS = 3;
const VALUES = 5;

/**
 * Maelstrom's `lin-kv`: read, write and cas on a few keys, checked for linearizability with
 * faultline's checker and the cas-register model, key by key. A read answered with error 20
 * (key-does-not-exist) is a read of nil; cas errors 20 and 22 are definite failures.
 */
export function linKvWorkload(checkTimeoutMs = 10_000): Workload {
  return {
    name: 'lin-kv',
    generate: (rng): OpRequest => {
      const key = rng.int(KEYS);
      const roll = rng.int(3);
      if (roll === 0) return { f: 'read', value: { key }, body: { type: 'read', key } };
      if (roll === 1) {
        const value = rng.int(VALUES);
        return { f: 'write', value: { key, value }, body: { type: 'write', key, value } };
      }
      const from = rng.int(VALUES);
      const to = rng.int(VALUES);
      return { f: 'cas', value: { key, from, to }, body: { type: 'cas', key, from, to } };
    },
    complete: (f, reply) => (f === 'read' ? ((reply['value'] ?? null) as Json) : null),
    check(ops) {
      const operations = toOperations(ops);
      const result = checkOperations(casRegisterModel, operations, { timeoutMs: checkTimeoutMs });
      const v: CheckVerdict = result.verdict === 'linearizable' ? { valid: true } : result.verdict === 'not-linearizable' ? { valid: false }
        : { valid: 'unknown', unknownReason: `the linearizability checker stopped before a verdict: ${result.explanation.split('\n')[0] ?? 'budget ran out'}` };
      const anomalies: Record<string, number> = result.verdict === 'not-linearizable' ? { 'not-linearizable': result.perKey.filter((k) => k.verdict === 'not-linearizable').length } : {};
      return { ...v, anomalies, lines: [`${operations.length} operations on ${result.perKey.length} keys: ${result.verdict}`, ...result.explanation.split('\n').slice(0, 12)] };
    },
  };
}

/** The history as the linearizability checker's operations (read error 20 = read of nil). */
export function toOperations(ops: readonly OpRecord[]): Operation[] {
  const out: Operation[] = [];
  const sorted = ops.filter((o) => o.phase === undefined).sort((a, b) => a.invokeTime - b.invokeTime);
  for (const op of sorted) {
    const v = op.value as { key: number; value?: number; from?: number; to?: number };
    const readNil = op.f === 'read' && op.error?.code === 20;
    const status = op.type === 'ok' || readNil ? 'ok' : op.type === 'fail' ? 'fail' : 'unknown';
    const input: JsonValue = op.f === 'cas' ? [v.from ?? null, v.to ?? null] : op.f === 'write' ? (v.value ?? null) : null;
    out.push({
      id: out.length, process: op.process, f: op.f as Operation['f'], key: String(v.key), input,
      output: op.f === 'read' && status === 'ok' ? (readNil ? null : checkerValue(op.result)) : null,
      call: op.invokeTime, return: status === 'unknown' ? Infinity : (op.completeTime ?? Infinity), status,
    });
  }
  return out;
}

/**
 * A read result as the checker's value: a bigint (an integer past 2^53 - 1, read exactly) becomes
 * `{ bigint: digits }`, equal to no number, so a read of a never-written 64-bit value is never
 * matched to a rounded write (issue 21).
 */
function checkerValue(value: Json): JsonValue {
  if (typeof value === 'bigint') return { bigint: value.toString() };
  if (Array.isArray(value)) return value.map(checkerValue);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, checkerValue(v)]));
  return value;
}
