import type { Operation } from '../../history/operation.ts';
import { canonicalJson } from '../../history/value.ts';
import { acknowledgedBefore, at, count, invokedBefore, quote } from './facts.ts';

/**
 * Why a log read cannot take effect, in the log's terms: an entry acknowledged before the read
 * began is missing, an entry was never appended (by then) or shows up more often than appended,
 * or two entries are in the opposite order of their acknowledged appends; else what the log held.
 */
export function whyLog(op: Operation, ops: readonly Operation[], state: string): string | undefined {
  if (op.f !== 'read' || op.status !== 'ok') return undefined;
  const entries = (Array.isArray(op.output) ? op.output : []).map(canonicalJson);
  const appends = ops.filter((o) => o.f === 'append');
  const listed = new Set(entries);
  const missed = acknowledgedBefore(op, appends).find((o) => !listed.has(canonicalJson(o.input)));
  if (missed !== undefined) {
    return `the read is missing ${quote(missed.input)}, whose append (#${missed.id}) was acknowledged at ${at(missed.return)}, before the read began at ${at(op.call)}`;
  }
  const appendsOf = new Map<string, Operation[]>();
  for (const o of invokedBefore(op, appends)) appendsOf.set(canonicalJson(o.input), [...(appendsOf.get(canonicalJson(o.input)) ?? []), o]);
  const invented = entries.find((e) => !appendsOf.has(e));
  if (invented !== undefined) return `the read lists ${invented}, which no append invoked before the read returned (at ${at(op.return)}) added`;
  const times = new Map<string, number>();
  for (const e of entries) times.set(e, (times.get(e) ?? 0) + 1);
  for (const [e, n] of times) {
    const appended = appendsOf.get(e)?.length ?? 0;
    if (n > appended) return `the read lists ${e} ${n === 2 ? 'twice' : `${n} times`}, but it was appended ${appended === 1 ? 'once' : count(appended, 'time')}`;
  }
  // Entry a listed before b, though every append of b was acknowledged before any append of a began.
  let latestStart: { entry: string; call: number; op: Operation } | undefined;
  for (const e of entries) {
    const mine = appendsOf.get(e) ?? [];
    const lastReturn = Math.max(...mine.map((o) => o.return));
    if (latestStart !== undefined && lastReturn < latestStart.call) {
      const b = mine.reduce((x, y) => (y.return > x.return ? y : x));
      return `the read lists ${latestStart.entry} before ${e}, but the append of ${e} (#${b.id}) was acknowledged at ${at(b.return)}, before the append of ${latestStart.entry} (#${latestStart.op.id}) began at ${at(latestStart.call)}`;
    }
    const first = mine.reduce((x, y) => (y.call < x.call ? y : x));
    if (latestStart === undefined || first.call > latestStart.call) latestStart = { entry: e, call: first.call, op: first };
  }
  return `the read returned ${entries.length} ${entries.length === 1 ? 'entry' : 'entries'}, but the operations that must come before it leave the log holding ${state}`;
}
