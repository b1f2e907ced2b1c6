import type { Operation } from '../history/operation.ts';
import { canonicalJson } from '../history/value.ts';
import { renderResult } from './describe.ts';
import { ModelInputError, REJECTED, type Model, type Prepared, type StepResult } from './model.ts';
import { whyUniqueIds } from './why/unique-ids.ts';

/** A `generate` that returned an id (canonical JSON). */
export interface UniqueIdsInput {
  readonly id: string;
}

/** Operations per partition the unique-ids model aims for; duplicates always share a partition. */
const BUCKET = 16;
const SEP = '\n';

/**
 * Globally unique ids (Maelstrom's `unique-ids` workload): every acknowledged `generate` returned
 * an id no other acknowledged `generate` returned, whatever its key or process. Failed and
 * unknown generates constrain nothing. The state is the set of ids handed out; operations are
 * split into buckets by a hash of their id, so a duplicate always lands in one bucket and each
 * bucket's state stays small.
 */
export const uniqueIdsModel: Model<string, UniqueIdsInput, null> = {
  name: 'unique-ids',
  init: '',
  prepare(op: Operation): Prepared<UniqueIdsInput, null> | null {
    if (op.f !== 'generate') {
      throw new ModelInputError('unique-ids', op, `unsupported operation ${op.f}; the unique-ids model accepts generate`);
    }
    if (op.status !== 'ok') return null;
    if (op.output === null) throw new ModelInputError('unique-ids', op, 'an ok generate must return the id it generated; got nil');
    return { input: { id: canonicalJson(op.output) }, output: null };
  },
  step(state: string, input: UniqueIdsInput): StepResult<string> {
    const ids = state === '' ? [] : state.split(SEP);
    if (ids.includes(input.id)) return REJECTED;
    return { ok: true, next: [...ids, input.id].sort().join(SEP) };
  },
  partition(ops: readonly Operation[]): Operation[][] {
    const buckets = Math.max(1, Math.ceil(ops.length / BUCKET));
    const groups: Operation[][] = Array.from({ length: buckets }, () => []);
    // Uniqueness is global: keys do not partition it, so they are dropped from the copies searched.
    for (const op of ops) groups[hash(op.output === null ? '' : canonicalJson(op.output)) % buckets]!.push({ ...op, key: undefined });
    return groups.filter((g) => g.length > 0);
  },
  describe(op: Operation): string {
    return `generate() → ${renderResult(op)}`;
  },
  describeState: (state) => `ids handed out {${state.split(SEP).filter((s) => s !== '').join(', ')}}`,
  explainStuck: whyUniqueIds,
};

/** FNV-1a over UTF-16 code units: a stable, well-spread bucket index. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
