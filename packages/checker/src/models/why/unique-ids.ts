import type { Operation } from '../../history/operation.ts';
import { canonicalJson } from '../../history/value.ts';
import { at } from './facts.ts';

/** Why a generate cannot take effect, in unique-ids' terms: another acknowledged generate returned the same id. */
export function whyUniqueIds(op: Operation, ops: readonly Operation[], state: string): string | undefined {
  if (op.f !== 'generate' || op.status !== 'ok') return undefined;
  const id = canonicalJson(op.output);
  const twin = ops.find((o) => o !== op && o.status === 'ok' && canonicalJson(o.output) === id);
  if (twin !== undefined) return `generate returned ${id}, the same id as generate #${twin.id}, acknowledged at ${at(twin.return)}`;
  return `generate returned ${id}, already among the ${state}`;
}
