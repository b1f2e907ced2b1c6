import type { Json } from '../protocol/message.ts';
import { Anomalies, at, verdict, type Workload } from './workload.ts';
import { stringifyJsonExact } from '../protocol/exact-json.ts';

/** Maelstrom's `unique-ids`: every acknowledged `generate` returns an id no other one returned. */
export function uniqueIdsWorkload(): Workload {
  return {
    name: 'unique-ids',
    generate: () => ({ f: 'generate', value: null, body: { type: 'generate' } }),
    complete: (_f, reply) => (reply['id'] ?? null) as Json,
    check(ops) {
      const found = new Anomalies();
      const seen = new Map<string, (typeof ops)[number]>();
      const ok = ops.filter((o) => o.type === 'ok');
      for (const op of ok) {
        const id = stringifyJsonExact(op.result); // a 64-bit id is a bigint: compared by its digits
        if (op.result === null) found.add('missing-id', `${at(op)} returned no "id"`);
        const first = seen.get(id);
        if (first) found.add('duplicate-ids', `${id} from ${at(first)} and again from ${at(op)}`);
        else seen.set(id, op);
      }
      return { ...verdict(found, ok.length > 0, 'no id was generated, so nothing could be checked'), anomalies: found.counts, lines: [`${ok.length} ids, ${seen.size} distinct`, ...found.examples] };
    },
  };
}
