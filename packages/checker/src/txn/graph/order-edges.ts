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
  const n = h.txns.length;
  // The buffer as a dense array with each member's slot (swap-remove), so a million transactions
  // iterate and delete without a Set's per-entry overhead.
  let buffer = new Int32Array(64);
  let size = 0;
  const slot = new Int32Array(n).fill(-1);
  // For each transaction, the buffered transactions that linked to it at its invocation: a slice
  // of one flat pool (typed arrays, so a million transactions make no garbage per edge).
  const fromStart = new Int32Array(n);
  const fromLen = new Int32Array(n);
  let pool = new Int32Array(1 << 16);
  let used = 0;
  let edges = 0;
  for (let i = 0; i < h.events.length; i++) {
    const ev = h.events[i]!;
    if (ev >= 0) {
      if (used + size > pool.length) {
        const bigger = new Int32Array(Math.max(pool.length * 2, used + size));
        bigger.set(pool.subarray(0, used));
        pool = bigger;
      }
      fromStart[ev] = used;
      for (let k = 0; k < size; k++) {
        const a = buffer[k]!;
        b.link(a, ev, REALTIME);
        pool[used++] = a;
      }
      fromLen[ev] = size;
      edges += size;
      continue;
    }
    const id = ~ev;
    if (h.txns[id]!.type !== 'ok') continue;
    for (let k = fromStart[id]!; k < fromStart[id]! + fromLen[id]!; k++) {
      const a = pool[k]!;
      const at = slot[a]!;
      if (at < 0) continue;
      const last = buffer[--size]!;
      buffer[at] = last;
      slot[last] = at;
      slot[a] = -1;
    }
    if (size === buffer.length) {
      const bigger = new Int32Array(buffer.length * 2);
      bigger.set(buffer);
      buffer = bigger;
    }
    slot[id] = size;
    buffer[size++] = id;
  }
  return edges;
}
