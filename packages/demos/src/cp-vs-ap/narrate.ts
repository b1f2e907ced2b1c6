import type { HistoryEvent } from '@faultline/checker';
import type { ExperimentResult } from '@faultline/registers';
import { renderTimeline } from '../render/timeline.ts';
import { STORY, sidesOfRun } from './story.ts';

/** Counts of how operations ended on one side during the partition. */
interface Tally {
  ok: number;
  fail: number;
  info: number;
}

function tallyDuring(result: ExperimentResult, nodes: readonly string[], from: number, to: number): Tally {
  const t: Tally = { ok: 0, fail: 0, info: 0 };
  for (const e of result.history) {
    if (e.type === 'invoke' || e.time < from || e.time > to) continue;
    if (nodes.includes(result.nodeOfProcess.get(e.process) ?? '')) t[e.type]++;
  }
  return t;
}

const show = (t: Tally) => `${String(t.ok).padStart(4)} ok ${String(t.fail).padStart(4)} failed ${String(t.info).padStart(4)} unknown`;

/** Prints one register's run: the timeline, what each side saw during the partition, the checker's verdict. */
export function narrateRun(title: string, result: ExperimentResult, nodes: readonly string[], out: (line: string) => void): void {
  const start = 0;
  out(`━━ ${title} ━━`);
  const ops = result.history
    .filter((e): e is HistoryEvent & { type: 'ok' | 'fail' | 'info' } => e.type !== 'invoke')
    .map((e) => ({ lane: result.nodeOfProcess.get(e.process) ?? '?', at: e.time - start, outcome: e.type }));
  const band = { label: 'split', from: STORY.partitionAt, to: STORY.healAt };
  for (const line of renderTimeline({ lanes: nodes, ops, bands: [band], startMs: 0, endMs: STORY.workloadMs, columns: 65 })) out(`  ${line}`);
  out('  (o ok   x failed, definitely not done   ? unknown, may or may not be done   · none completed)');
  const { majority, minority } = sidesOfRun(result.nemesisLog, nodes);
  const during = (side: string[]) => tallyDuring(result, side, start + STORY.partitionAt + 300, start + STORY.healAt);
  // An even split leaves neither side a majority (random-halves on an even cluster).
  const big = majority.length > nodes.length / 2 ? 'majority side' : 'larger side, no majority,';
  out(`  during the split, ${big} {${majority.join(',')}}: ${show(during(majority))}`);
  out(`  during the split, minority side {${minority.join(',')}}:    ${show(during(minority))}`);
  // Failed operations did not happen, so the checker leaves them out: count what it ordered.
  const ops2 = result.history.filter((e) => e.type === 'ok' || e.type === 'info').length;
  // Counted by the network model; on workers each node's mirror counts its own, so none here.
  if (result.messagesPerOp > 0) out(`  cost: ${result.messagesPerOp.toFixed(1)} messages between nodes per client operation`);
  const v = result.linearizability;
  if (v.verdict === 'linearizable') out(`  checker: LINEARIZABLE — the ${ops2} operations that may have taken effect fit one sequential order`);
  else if (v.verdict === 'not-linearizable') {
    out(`  checker: NOT LINEARIZABLE. A concrete anomaly:`);
    const lines = v.explanation.split('\n').slice(1);
    const nextKey = lines.findIndex((line, i) => i > 0 && line.startsWith('key '));
    for (const line of lines.slice(0, nextKey === -1 ? lines.length : nextKey)) out(`    ${line}`);
  } else out(`  checker: UNKNOWN — ${v.explanation.split('\n')[0]}`);
  const split = divergentReads(result, nodes);
  if (split) {
    out(`  split brain: at ${(split.a.time / 1000).toFixed(3)} s a client of ${split.aNode} read ${split.a.key} = ${String(split.a.value)}, while at ${(split.b.time / 1000).toFixed(3)} s`);
    out(`  a client of ${split.bNode} read ${split.b.key} = ${String(split.b.value)}: each side kept accepting its own writes.`);
  }
  const c = result.convergence;
  if (c) {
    out(`  after heal: replicas ${c.converged ? 'CONVERGED' : `still DIVERGE on ${c.divergentKeys.join(', ')}`}; final ${Object.entries(c.finalValues).map(([k, v]) => `${k}=${v.join('|')}`).join(' ')}`);
    out(`  acknowledged writes: ${c.acked} — ${c.present} still visible, ${c.superseded} overwritten by later writes, ${c.discarded.length} silently DISCARDED by last-writer-wins`);
  }
  out('');
}

/** Finds two reads of one key, one per side, late in the split, that saw different values. */
function divergentReads(result: ExperimentResult, nodes: readonly string[]) {
  const { majority, minority } = sidesOfRun(result.nemesisLog, nodes);
  const lateInSplit = (t: number) => t > STORY.healAt - 600 && t < STORY.healAt;
  const reads = result.history.filter((e) => e.type === 'ok' && e.f === 'read' && lateInSplit(e.time));
  const nodeOf = (e: HistoryEvent) => result.nodeOfProcess.get(e.process) ?? '';
  for (const a of reads) {
    if (!majority.includes(nodeOf(a))) continue;
    const b = reads.find((r) => r.key === a.key && minority.includes(nodeOf(r)) && r.value !== a.value && Math.abs(r.time - a.time) < 50);
    if (b) return { a, b, aNode: nodeOf(a), bNode: nodeOf(b) };
  }
  return undefined;
}
