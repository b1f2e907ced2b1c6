import type { Operation } from '../../history/operation.ts';
import { acknowledgedBefore, at, count, invokedBefore } from './facts.ts';

/**
 * Why a counter read cannot take effect, in the counter's terms: below what the adds
 * acknowledged before it began sum to, above what every add invoked before it returned could
 * sum to, or (in between) no choice of the adds in flight that the other reads allow.
 */
export function whyCounter(op: Operation, ops: readonly Operation[], state: string): string | undefined {
  if (op.f !== 'read' || typeof op.output !== 'number') return undefined;
  const read = op.output;
  const adds = ops.filter((o) => o.f === 'add' && typeof o.input === 'number');
  const acked = acknowledgedBefore(op, adds);
  const inFlight = invokedBefore(op, adds).filter((o) => !acked.includes(o));
  const ackedSum = sum(acked);
  const least = ackedSum + sum(inFlight.filter((o) => (o.input as number) < 0));
  const most = ackedSum + sum(inFlight.filter((o) => (o.input as number) > 0));
  if (read < least) {
    const given = least === ackedSum ? '' : ` (with the negative adds still in flight, at least ${least})`;
    return `the read returned ${read}, below the ${ackedSum} that the ${count(acked.length, 'add')} acknowledged before it began (at ${at(op.call)}) sum to${given}`;
  }
  if (read > most) {
    return `the read returned ${read}, above ${most}, the most that the ${count(acked.length + inFlight.length, 'add')} invoked before it returned (at ${at(op.return)}) can sum to`;
  }
  return `the read returned ${read}, but the adds and reads that must come before it leave the counter at ${state}: no choice of the adds still in flight gives ${read} in an order the other reads allow`;
}

function sum(adds: readonly Operation[]): number {
  return adds.reduce((total, o) => total + (o.input as number), 0);
}
