import type { Operation } from '../../history/operation.ts';
import { canonicalJson } from '../../history/value.ts';
import { describeRegisterOp } from '../register-core.ts';
import { acknowledgedBefore, at, named, quote } from './facts.ts';

/**
 * Why a register read (or an ok cas, which read its `from`) cannot take effect, in the register's
 * terms: the value was never written, its write began only after, or a write acknowledged before
 * the operation began had overwritten it; else the value the register held by then.
 */
export function whyRegister(op: Operation, ops: readonly Operation[], state: string): string | undefined {
  const observed = observation(op);
  if (observed === undefined) return undefined;
  const { value, what, noun } = observed;
  const key = canonicalJson(value);
  const writers = ops.filter((o) => o !== op && written(o) === key);
  const initial = value === null;
  if (!initial && writers.length === 0) return `${what}, a value no operation wrote`;
  const early = writers.filter((w) => w.call < op.return);
  if (!initial && early.length === 0) {
    const first = writers.reduce((a, b) => (b.call < a.call ? b : a));
    return `${what}, but ${named(first, describeRegisterOp)} began only at ${at(first.call)}, after ${noun} returned at ${at(op.return)}`;
  }
  const overwriters = acknowledgedBefore(op, ops).filter((o) => {
    const w = written(o);
    return w !== undefined && w !== key && early.every((e) => e.return < o.call);
  });
  const last = overwriters.at(-1);
  if (last !== undefined) {
    return `${what}, but ${named(last, describeRegisterOp)} overwrote ${initial ? 'the initial nil' : quote(value)} and was acknowledged at ${at(last.return)}, before ${noun} began at ${at(op.call)}`;
  }
  return `${what}, but the operations that must come before it leave the register holding ${state}`;
}

/** The value an operation saw, and how to say so. */
function observation(op: Operation): { value: Operation['output']; what: string; noun: string } | undefined {
  if (op.status !== 'ok') return undefined;
  if (op.f === 'read') return { value: op.output, what: `the read returned ${quote(op.output)}`, noun: 'the read' };
  if (op.f === 'cas' && Array.isArray(op.input) && op.input.length === 2) {
    const [from = null, to = null] = op.input;
    return { value: from, what: `cas(${quote(from)}, ${quote(to)}) succeeded, so the register held ${quote(from)}`, noun: 'the cas' };
  }
  return undefined;
}

/** The value an operation may have written (canonical JSON): a write's, an ok or unknown cas's `to`. */
function written(op: Operation): string | undefined {
  if (op.status === 'fail') return undefined;
  if (op.f === 'write') return canonicalJson(op.input);
  if (op.f === 'cas' && Array.isArray(op.input) && op.input.length === 2) return canonicalJson(op.input[1]!);
  return undefined;
}
