import type { Operation } from '../../history/operation.ts';
import { acknowledgedBefore, at, invokedBefore } from './facts.ts';

/**
 * Why a kv get cannot take effect, in the store's terms: it lacks a value appended (after every
 * put that could come first) and acknowledged before the get began, or it does not start with
 * the last acknowledged put's value; else what the key held by then.
 */
export function whyKv(op: Operation, ops: readonly Operation[], state: string): string | undefined {
  if (op.f !== 'get' || op.status !== 'ok') return undefined;
  const got = typeof op.output === 'string' ? op.output : '';
  const what = `the get of ${JSON.stringify(op.key ?? '')} returned ${JSON.stringify(got)}`;
  const puts = invokedBefore(op, ops).filter((o) => o.f === 'put');
  const acked = acknowledgedBefore(op, ops);
  // An append acknowledged after every put that could precede the get began: nothing can erase it.
  const kept = acked.filter((o) => o.f === 'append' && typeof o.input === 'string' && puts.every((p) => p.return < o.call));
  const lost = kept.find((o) => !got.includes(o.input as string));
  if (lost !== undefined) {
    return `${what}, without ${JSON.stringify(lost.input)}, which append (#${lost.id}) added and was acknowledged at ${at(lost.return)}, before the get began at ${at(op.call)}`;
  }
  const lastPut = acked.filter((o) => o.f === 'put' && typeof o.input === 'string' && puts.every((p) => p === o || p.return < o.call)).at(-1);
  if (lastPut !== undefined && !got.startsWith(lastPut.input as string)) {
    return `${what}, but put(${JSON.stringify(lastPut.input)}) (#${lastPut.id}), acknowledged at ${at(lastPut.return)} before the get began, set the key and no later put could replace it`;
  }
  return `${what}, but the operations that must come before it leave the key holding ${state}`;
}
