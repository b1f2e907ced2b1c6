import type { Operation } from '../history/operation.ts';
import { canonicalJson, type JsonValue } from '../history/value.ts';

/** Renders a value as in explanations: `nil` for null, canonical JSON otherwise. */
export function renderValue(v: JsonValue): string {
  return v === null ? 'nil' : canonicalJson(v);
}

/** Renders what an operation returned: its output if ok, `failed`, or `?` when unknown. */
export function renderResult(op: Operation, render: (v: JsonValue) => string = renderValue): string {
  return op.status === 'ok' ? render(op.output) : op.status === 'fail' ? 'failed' : '?';
}

/** The suffix for an operation whose result carries no value: nothing if ok, ` → failed` or ` → ?`. */
export function statusSuffix(op: Operation): string {
  return op.status === 'ok' ? '' : op.status === 'fail' ? ' → failed' : ' → ?';
}
