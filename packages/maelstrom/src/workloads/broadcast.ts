import type { Json } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import { quantiles } from '../run/stats.ts';
import { topology, type TopologyName } from './topology.ts';
import { Anomalies, at, verdict, type CheckVerdict, type Workload } from './workload.ts';

/**
 * Maelstrom's `broadcast`: clients broadcast unique integers and read a node's set. Valid when
 * every acknowledged value is in every node's final read and no read returns a value nobody
 * broadcast. Stable latency of a value: from its broadcast's invocation until the last read that
 * still missed it was served (estimated as the midpoint of that read's invocation and completion;
 * 0 if no read missed it) — as precise as the reads are dense.
 */
export function broadcastWorkload(topologyName: TopologyName = 'grid'): Workload {
  let next = 0;
  return {
    name: 'broadcast',
    generate: (rng) => {
      if (rng.chance(0.5)) {
        const value = next++;
        return { f: 'broadcast', value, body: { type: 'broadcast', message: value } };
      }
      return { f: 'read', value: null, body: { type: 'read' } };
    },
    complete: (f, reply) => (f === 'read' ? ((reply['messages'] ?? null) as Json) : null),
    // Maelstrom's broadcast client `setup!` sends each node the topology after init (broadcast.clj).
    async prepareNode(ctx, node) {
      const t = topology(topologyName, ctx.nodeIds);
      await ctx.call(node, { f: 'topology', value: null, body: { type: 'topology', topology: t } }, 'setup', () => null);
    },
    async final(ctx) {
      await Promise.all(ctx.nodeIds.map((n) => ctx.call(n, { f: 'read', value: null, body: { type: 'read' } }, 'final', (r) => (r['messages'] ?? null) as Json)));
    },
    check: checkBroadcast,
  };
}

function checkBroadcast(ops: readonly OpRecord[], nodeIds: readonly string[]): ReturnType<Workload['check']> {
  const found = new Anomalies();
  const attempted = new Set<number>();
  const acked: OpRecord[] = [];
  for (const op of ops) {
    if (op.f !== 'broadcast') continue;
    attempted.add(op.value as number);
    if (op.type === 'ok') acked.push(op);
  }
  const reads = ops.filter((o) => o.f === 'read' && o.type === 'ok').sort((a, b) => a.invokeTime - b.invokeTime);
  const sets = new Map<OpRecord, Set<number>>();
  for (const r of reads) {
    if (!Array.isArray(r.result)) {
      found.add('malformed-read', `${at(r)} returned ${JSON.stringify(r.result)} instead of a list`);
      sets.set(r, new Set());
      continue;
    }
    const s = new Set(r.result as number[]);
    sets.set(r, s);
    for (const v of s) if (!attempted.has(v)) found.add('unexpected', `${at(r)} read ${v}, which nobody broadcast`);
  }
  const finals = new Map<string, Set<number>>();
  for (const r of reads) if (r.phase === 'final') finals.set(r.node, sets.get(r)!);
  const missingFinals = nodeIds.filter((n) => !finals.has(n));
  const lost: number[] = [];
  const stable: number[] = [];
  for (const b of acked) {
    const v = b.value as number;
    const lostOn = nodeIds.filter((n) => finals.has(n) && !finals.get(n)!.has(v));
    if (lostOn.length > 0) {
      lost.push(v);
      found.add('lost', `${v} (acked to ${at(b)}) is missing from the final read of ${lostOn.join(', ')}`);
      continue;
    }
    let stableAt = b.invokeTime;
    for (const r of reads) if (r.invokeTime >= b.invokeTime && !sets.get(r)!.has(v)) stableAt = Math.max(stableAt, (r.invokeTime + (r.completeTime ?? r.invokeTime)) / 2);
    stable.push(stableAt - b.invokeTime);
  }
  const q = quantiles(stable);
  const lines = [
    `${attempted.size} broadcast, ${acked.length} acknowledged, ${lost.length} lost, ${reads.length} reads`,
    `stable latency ms: min ${q.min} p50 ${q.p50} p95 ${q.p95} p99 ${q.p99} max ${q.max}`,
    ...(missingFinals.length > 0 ? [`no final read from ${missingFinals.join(', ')}`] : []),
    ...found.examples,
  ];
  const v: CheckVerdict = found.any ? { valid: false }
    : missingFinals.length > 0 ? { valid: 'unknown', unknownReason: `no final read from ${missingFinals.join(', ')}, so a value may be missing there` }
      : verdict(found, acked.length > 0, 'no broadcast was acknowledged, so no value could be checked');
  return { ...v, anomalies: found.counts, lines, extra: { stableLatency: { ...q }, lostCount: lost.length, ackedCount: acked.length } };
}
