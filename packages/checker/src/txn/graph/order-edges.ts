import type { TxnHistory } from '../history/txn.ts';
import type { DepGraphBuilder } from './dep-graph.ts';
import { PROCESS, REALTIME } from './rels.ts';

/**
 * Process order: each committed transaction precedes its process's next committed one
 * (elle core.clj `process-graph`).
 */
export function addProcessEdges(h: TxnHistory, b: DepGraphBuilder): void {
  const last = new Map<number, number>();
  for (const t of h.txns) {
    if (t.type !== 'ok') continue;
    const prev = last.get(t.process);
    if (prev !== undefined) b.link(prev, t.id, PROCESS);
    last.set(t.process, t.id);
  }
}

/**
 * Real-time order, as a transitive reduction (elle core.clj `realtime-graph`): every buffered
 * committed transaction links to each transaction invoked after it; a completion drops from the
 * buffer the transactions that already link to it, since its own edges cover theirs.
 * Returns how many edges were added.
 */
export function addRealtimeEdges(h: TxnHistory, b: DepGraphBuilder): number {
  const buffer = new Set<number>();
  // For each transaction, the buffered transactions that linked to it when it was invoked.
  const linkedFrom = new Map<number, number[]>();
  let edges = 0;
  for (let i = 0; i < h.events.length; i++) {
    const ev = h.events[i]!;
    if (ev >= 0) {
      if (buffer.size > 0) {
        const from = [...buffer];
        for (const a of from) b.link(a, ev, REALTIME);
        edges += from.length;
        linkedFrom.set(ev, from);
      }
      continue;
    }
    const id = ~ev;
    const t = h.txns[id]!;
    const from = linkedFrom.get(id);
    linkedFrom.delete(id);
    if (t.type !== 'ok') continue;
    if (from !== undefined) for (const a of from) buffer.delete(a);
    buffer.add(id);
  }
  return edges;
}
