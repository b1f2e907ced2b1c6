import type { Json } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import { Anomalies, at, type Workload } from './workload.ts';

/**
 * Maelstrom's `g-counter` (positive deltas) and `pn-counter` (any sign). Every read must lie
 * within what the adds could have made it: the adds known done before the read began, plus any
 * subset of those that might have happened by the time it ended (ok or unknown, invoked before
 * the read completed). Final reads on every node, after faults heal, must all be equal.
 */
export function counterWorkload(kind: 'g-counter' | 'pn-counter'): Workload {
  return {
    name: kind,
    generate: (rng) => {
      if (rng.chance(0.5)) return { f: 'read', value: null, body: { type: 'read' } };
      const magnitude = 1 + rng.int(5);
      const delta = kind === 'pn-counter' && rng.chance(0.5) ? -magnitude : magnitude;
      return { f: 'add', value: delta, body: { type: 'add', delta } };
    },
    complete: (f, reply) => (f === 'read' ? ((reply['value'] ?? null) as Json) : null),
    async final(ctx) {
      await Promise.all(ctx.nodeIds.map((n) => ctx.call(n, { f: 'read', value: null, body: { type: 'read' } }, 'final', (r) => (r['value'] ?? null) as Json)));
    },
    check: (ops, nodeIds) => checkCounter(ops, nodeIds),
  };
}

function checkCounter(ops: readonly OpRecord[], nodeIds: readonly string[]): ReturnType<Workload['check']> {
  const found = new Anomalies();
  const adds = ops.filter((o) => o.f === 'add' && o.type !== 'fail');
  const reads = ops.filter((o) => o.f === 'read' && o.type === 'ok');
  for (const r of reads) {
    const end = r.completeTime ?? Infinity;
    let lower = 0;
    let upper = 0;
    for (const a of adds) {
      const d = a.value as number;
      const certain = a.type === 'ok' && (a.completeTime ?? Infinity) < r.invokeTime;
      const possible = a.invokeTime < end;
      if (certain) { lower += d; upper += d; } else if (possible) { if (d < 0) lower += d; else upper += d; }
    }
    if (typeof r.result !== 'number' || r.result < lower || r.result > upper) {
      found.add('read-out-of-bounds', `${at(r)} read ${JSON.stringify(r.result)}, possible values ${lower}..${upper}`);
    }
  }
  const finals = reads.filter((r) => r.phase === 'final');
  const values = new Set(finals.map((r) => JSON.stringify(r.result)));
  if (values.size > 1) found.add('divergent-final-reads', finals.map((r) => `${r.node}=${JSON.stringify(r.result)}`).join(' '));
  const ackedSum = adds.filter((a) => a.type === 'ok').reduce((s, a) => s + (a.value as number), 0);
  const missing = nodeIds.filter((n) => !finals.some((r) => r.node === n));
  const lines = [
    `${adds.length} adds (acknowledged sum ${ackedSum}), ${reads.length} reads; final reads ${finals.map((r) => `${r.node}=${JSON.stringify(r.result)}`).join(' ')}`,
    ...(missing.length > 0 ? [`no final read from ${missing.join(', ')}`] : []),
    ...found.examples,
  ];
  const valid = found.any ? false : missing.length > 0 ? 'unknown' : true;
  return { valid, anomalies: found.counts, lines, extra: { ackedSum } };
}
