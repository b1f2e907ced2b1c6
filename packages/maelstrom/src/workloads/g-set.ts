import type { Json } from '../protocol/message.ts';
import type { OpRecord } from '../run/history.ts';
import { quantiles } from '../run/stats.ts';
import { Anomalies, at, type Workload } from './workload.ts';

/**
 * Maelstrom's `g-set` (workload/g_set.clj): clients `add` unique integers (`element`) and `read`
 * the set (`read_ok` with `value`, a list); after the faults heal every node is read once more.
 * Checked as Jepsen's `checker/set-full`: an element is known once its add is acknowledged or a
 * read returns it; it is **lost** if a read that began after it was last seen (or known) misses it
 * and no later read has it, **stable** otherwise; reads of elements nobody added are
 * `unexpected`, an element twice in one read `duplicated`. Valid when nothing is lost,
 * unexpected or duplicated and some element became stable.
 */
export function gSetWorkload(): Workload {
  let next = 0;
  const readValue = (r: { [k: string]: Json | undefined }) => (r['value'] ?? null) as Json;
  return {
    name: 'g-set',
    generate: (rng) => {
      if (rng.chance(0.5)) {
        const element = next++;
        return { f: 'add', value: element, body: { type: 'add', element } };
      }
      return { f: 'read', value: null, body: { type: 'read' } };
    },
    complete: (f, reply) => (f === 'read' ? readValue(reply) : null),
    async final(ctx) {
      await Promise.all(ctx.nodeIds.map((n) => ctx.call(n, { f: 'read', value: null, body: { type: 'read' } }, 'final', readValue)));
    },
    check: checkSetFull,
  };
}

function checkSetFull(ops: readonly OpRecord[]): ReturnType<Workload['check']> {
  const found = new Anomalies();
  const known = new Map<string, number>(); // element → time it became known
  const added = new Set<string>();
  for (const op of ops) {
    if (op.f !== 'add') continue;
    const e = JSON.stringify(op.value);
    added.add(e);
    if (op.type === 'ok') known.set(e, Math.min(known.get(e) ?? Infinity, op.completeTime ?? Infinity));
  }
  const reads = ops.filter((o) => o.f === 'read' && o.type === 'ok').sort((a, b) => a.invokeTime - b.invokeTime);
  const sets: Set<string>[] = [];
  let malformed = 0;
  for (const r of reads) {
    const s = new Set<string>();
    if (!Array.isArray(r.result)) {
      malformed++;
      found.add('malformed-read', `${at(r)} returned ${JSON.stringify(r.result)?.slice(0, 80)} instead of a list`);
    } else {
      for (const v of r.result) {
        const e = JSON.stringify(v);
        if (s.has(e)) found.add('duplicated', `${at(r)} returned ${e} twice`);
        s.add(e);
        if (!added.has(e)) found.add('unexpected', `${at(r)} read ${e}, which nobody added`);
        else known.set(e, Math.min(known.get(e) ?? Infinity, r.completeTime ?? r.invokeTime));
      }
    }
    sets.push(s);
  }
  let stable = 0;
  let neverRead = 0;
  let stale = 0;
  const lost: string[] = [];
  const latencies: number[] = [];
  for (const [e, k] of known) {
    let lastPresent = k;
    let lastAbsent: OpRecord | undefined;
    let after = 0;
    reads.forEach((r, i) => {
      if (r.invokeTime <= k) return;
      after++;
      if (sets[i]!.has(e)) lastPresent = Math.max(lastPresent, r.completeTime ?? r.invokeTime);
      else lastAbsent = r;
    });
    if (after === 0) { neverRead++; continue; }
    if (lastAbsent && lastAbsent.invokeTime > lastPresent) {
      lost.push(e);
      found.add('lost', `${e} (known at ${Math.round(k)}ms) is missing from ${at(lastAbsent)} and every read after it`);
      continue;
    }
    stable++;
    if (lastAbsent) stale++;
    latencies.push(lastAbsent ? Math.max(0, lastAbsent.invokeTime - k) : 0);
  }
  const q = quantiles(latencies);
  const lines = [
    `${added.size} elements added, ${known.size} known, ${stable} stable, ${lost.length} lost, ${neverRead} never read, ${stale} stale; ${reads.length} reads`,
    `stable latency ms: min ${q.min} p50 ${q.p50} p95 ${q.p95} p99 ${q.p99} max ${q.max}`,
    ...found.examples,
  ];
  const extra = { stableLatency: { ...q }, lostCount: lost.length, stableCount: stable, malformedReads: malformed };
  if (!found.any && stable === 0) {
    const unknownReason = 'no element became stable (no read after any known element)';
    lines.push(`unknown: ${unknownReason}`);
    return { valid: 'unknown', unknownReason, anomalies: found.counts, lines, extra };
  }
  return { valid: !found.any, anomalies: found.counts, lines, extra };
}
