import type { Operation } from '../../history/operation.ts';
import { canonicalJson, type JsonValue } from '../../history/value.ts';

/**
 * Facts of a history a model's explanation rests on, from real time alone: what was acknowledged
 * before an operation began (it must precede it in any linearization) and what had at least
 * been invoked before it returned (all that can precede it).
 */

/** The ok operations that returned before `op` was called, by return time. */
export function acknowledgedBefore(op: Operation, ops: readonly Operation[]): Operation[] {
  return ops.filter((o) => o !== op && o.status === 'ok' && o.return < op.call).sort((a, b) => a.return - b.return);
}

/** The operations (ok or unknown outcome) called before `op` returned, other than `op`. */
export function invokedBefore(op: Operation, ops: readonly Operation[]): Operation[] {
  return ops.filter((o) => o !== op && o.status !== 'fail' && o.call < op.return);
}

/** `#7 write(3)`-style name of an operation for a sentence. */
export function named(op: Operation, describe: (op: Operation) => string): string {
  return `${describe(op)} (#${op.id})`;
}

/** Canonical JSON of a value, `nil` for null: how explanations quote values. */
export function quote(v: JsonValue): string {
  return v === null ? 'nil' : canonicalJson(v);
}

/** Time as explanations print it. */
export function at(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(3);
}

/** `1 add`, `2 adds`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
