import type { Operation } from '../history/operation.ts';
import type { Model, StateKey } from '../models/model.ts';
import { partitionLabel, type KeyResult, type Verdict } from './result.ts';

/** How many operations of the longest prefix to show (the last ones). */
const PREFIX_SHOWN = 8;
/** How many failing keys to explain in full. */
const KEYS_SHOWN = 3;
/** How many stuck operations to explain in the model's terms. */
const WHY_SHOWN = 3;

/** Renders a verdict and its per-key results as readable text. */
export function explain<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  verdict: Verdict,
  perKey: readonly KeyResult[],
  timeoutMs: number | undefined,
): string {
  const total = perKey.reduce((sum, k) => sum + k.operations, 0);
  const keys = plural(perKey.length, 'partition');
  switch (verdict) {
    case 'linearizable':
      return `linearizable: all ${plural(total, 'operation')} (${keys}) have a linearization under the ${model.name} model.`;
    case 'unknown': {
      const open = perKey.filter((k) => k.verdict === 'unknown');
      const lines = [
        `unknown: no verdict for ${open.length} of ${perKey.length} partitions within ${timeoutMs ?? 0} ms; ` +
          'the rest are linearizable. Raise --timeout-ms to finish the search.',
      ];
      for (const k of open) if (k.verdict === 'unknown') lines.push(`  ${partitionLabel(k.key)} (${plural(k.operations, 'operation')}): ${k.reason}.`);
      return lines.join('\n');
    }
    case 'not-linearizable': {
      const bad = perKey.filter((k) => k.verdict === 'not-linearizable');
      const unfinished = perKey.filter((k) => k.verdict === 'unknown').length;
      const lines = [
        `not linearizable under the ${model.name} model: ${bad.length} of ${perKey.length} partitions have no linearization` +
          (unfinished === 0 ? '.' : ` (${unfinished} more left unfinished once that was known).`),
      ];
      for (const k of bad.slice(0, KEYS_SHOWN)) lines.push(...explainKey(model, k));
      if (bad.length > KEYS_SHOWN) {
        const rest = bad.slice(KEYS_SHOWN).map((k) => partitionLabel(k.key));
        lines.push(`... and ${rest.length} more: ${rest.join(', ')}.`);
      }
      return lines.join('\n');
    }
    default: {
      const never: never = verdict;
      throw new Error(`unknown verdict ${String(never)}`);
    }
  }
}

function explainKey<S extends StateKey, I, O>(model: Model<S, I, O>, k: KeyResult): string[] {
  if (k.verdict !== 'not-linearizable') return [];
  const { prefix, state, stuck, due, why } = k.counterexample;
  const lines = [`${partitionLabel(k.key)} (${plural(k.operations, 'operation')}):`];
  // First the fact in the model's own terms, then the search's detail.
  for (const w of (why ?? []).slice(0, WHY_SHOWN)) lines.push(`  #${w.id}: ${w.text}.`);
  if (prefix.length === 0) {
    lines.push(`  Not even a first operation can be linearized from the initial state ${state}.`);
  } else {
    const shown = prefix.slice(-PREFIX_SHOWN);
    lines.push(
      `  The longest linearizable prefix found has ${plural(prefix.length, 'operation')} and leaves the state at ${state}` +
        (shown.length < prefix.length ? `; its last ${shown.length}:` : ':'),
    );
    for (const op of shown) lines.push(`    ${renderOperation(model, op)}`);
  }
  const deadline = due === undefined ? '' : ` by time ${formatTime(due.return)}, when #${due.id} returned,`;
  lines.push(`  The next operation must take effect${deadline} but none of these can in state ${state}:`);
  for (const op of stuck) lines.push(`    ${renderOperation(model, op)}`);
  return lines;
}

/** One operation on one line: id, process, what it did and its interval. */
export function renderOperation<S extends StateKey, I, O>(model: Model<S, I, O>, op: Operation): string {
  const ret = op.return === Infinity ? '∞ (outcome unknown)' : formatTime(op.return);
  return `#${op.id} process ${op.process}: ${model.describe(op)}  [call ${formatTime(op.call)}, return ${ret}]`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function formatTime(t: number): string {
  return Number.isInteger(t) ? String(t) : t.toFixed(3);
}
