import type { Operation } from '../../history/operation.ts';
import { canonicalJson } from '../../history/value.ts';
import { acknowledgedBefore, at, invokedBefore, quote } from './facts.ts';

/**
 * Why a set read cannot take effect, in the set's terms: it misses an element whose add was
 * acknowledged before the read began, or holds one no add invoked before it returned could have
 * put there; else what the set held by then.
 */
export function whySet(op: Operation, ops: readonly Operation[], state: string): string | undefined {
  if (op.f !== 'read' || op.status !== 'ok' || !Array.isArray(op.output)) return undefined;
  const read = new Set(op.output.map(canonicalJson));
  const adds = ops.filter((o) => o.f === 'add');
  const missed = acknowledgedBefore(op, adds).find((o) => !read.has(canonicalJson(o.input)));
  if (missed !== undefined) {
    return `the read is missing ${quote(missed.input)}, which add (#${missed.id}) put in the set and was acknowledged at ${at(missed.return)}, before the read began at ${at(op.call)}`;
  }
  const possible = new Set(invokedBefore(op, adds).map((o) => canonicalJson(o.input)));
  const invented = op.output.find((e) => !possible.has(canonicalJson(e)));
  if (invented !== undefined) return `the read holds ${quote(invented)}, which no add invoked before the read returned (at ${at(op.return)}) put in the set`;
  return `the read returned {${[...read].sort().join(', ')}}, but the operations that must come before it leave the set holding ${state}`;
}
