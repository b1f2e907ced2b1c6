import type { Json } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import { AcceptableSums } from './acceptable-sums.ts';
import { Anomalies, at, verdict, type Workload } from './workload.ts';

/** Checker options: Maelstrom checks only final reads; `perRead` also bounds every read. */
export interface CounterOptions {
  readonly perRead?: boolean;
}

/**
 * Maelstrom's `g-counter` and `pn-counter` (`workload/pn_counter.clj`, `g_counter.clj`). Adds
 * are `(- (rand-int 10) 5)`, i.e. -5..4, mixed evenly with reads; g-counter keeps the
 * non-negative ones. The checker, as Maelstrom's, judges only the final read of each node: it
 * must be the sum of the acknowledged adds plus any subset of the indeterminate ones.
 * Intermediate reads may be stale. `perRead` adds a stricter bound on every read (not Maelstrom's).
 */
export function counterWorkload(kind: 'g-counter' | 'pn-counter', options: CounterOptions = {}): Workload {
  return {
    name: kind,
    generate: (rng) => {
      if (rng.chance(0.5)) return { f: 'read', value: null, body: { type: 'read' } };
      const delta = kind === 'g-counter' ? rng.int(5) : rng.int(10) - 5;
      return { f: 'add', value: delta, body: { type: 'add', delta } };
    },
    complete: (f, reply) => (f === 'read' ? ((reply['value'] ?? null) as Json) : null),
    async final(ctx) {
      await Promise.all(ctx.nodeIds.map((n) => ctx.call(n, { f: 'read', value: null, body: { type: 'read' } }, 'final', (r) => (r['value'] ?? null) as Json)));
    },
    check: (ops, nodeIds) => checkCounter(ops, nodeIds, options),
  };
}

function checkCounter(ops: readonly OpRecord[], nodeIds: readonly string[], options: CounterOptions): ReturnType<Workload['check']> {
  const found = new Anomalies();
  const adds = ops.filter((o) => o.f === 'add' && o.type !== 'fail');
  const reads = ops.filter((o) => o.f === 'read' && o.type === 'ok');
  // pn_counter.clj `checker`: definite-sum of ok adds, then each info add may or may not have happened.
  const ackedSum = adds.filter((a) => a.type === 'ok').reduce((s, a) => s + (a.value as number), 0);
  const acceptable = new AcceptableSums(ackedSum);
  for (const a of adds) if (a.type !== 'ok') acceptable.addMaybe(a.value as number);
  const finals = reads.filter((r) => r.phase === 'final');
  for (const r of finals) {
    if (typeof r.result !== 'number' || !Number.isInteger(r.result) || !acceptable.contains(r.result)) {
      found.add('final-read-out-of-bounds', `${r.node} final read ${JSON.stringify(r.result)}, acceptable ${JSON.stringify(acceptable)}`);
    }
  }
  if (options.perRead) for (const r of reads) checkOneRead(r, adds, found);
  const missing = nodeIds.filter((n) => !finals.some((r) => r.node === n));
  const lines = [
    `${adds.length} adds (acknowledged sum ${ackedSum}, acceptable ${JSON.stringify(acceptable)}), ${reads.length} reads; final reads ${finals.map((r) => `${r.node}=${JSON.stringify(r.result)}`).join(' ')}`,
    // Maelstrom checks the final reads that succeeded and says nothing of the others.
    ...(missing.length > 0 ? [`no final read from ${missing.join(', ')} (not checked, as in Maelstrom)`] : []),
    ...found.examples,
  ];
  return { ...verdict(found, finals.length > 0, 'no final read succeeded, so nothing could be checked'), anomalies: found.counts, lines, extra: { ackedSum, acceptable: acceptable.toJSON() } };
}

/** The optional stricter check: a read lies between the adds surely done and those possibly done. */
function checkOneRead(r: OpRecord, adds: readonly OpRecord[], found: Anomalies): void {
  const end = r.completeTime ?? Infinity;
  let lower = 0;
  let upper = 0;
  for (const a of adds) {
    const d = a.value as number;
    const certain = a.type === 'ok' && (a.completeTime ?? Infinity) < r.invokeTime;
    if (certain) { lower += d; upper += d; } else if (a.invokeTime < end) { if (d < 0) lower += d; else upper += d; }
  }
  if (typeof r.result !== 'number' || r.result < lower || r.result > upper) {
    found.add('read-out-of-bounds', `${at(r)} read ${JSON.stringify(r.result)}, possible values ${lower}..${upper}`);
  }
}
