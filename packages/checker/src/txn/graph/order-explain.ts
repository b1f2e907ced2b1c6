import type { CycleStep } from '../anomaly.ts';
import { txnName, type Txn } from '../history/txn.ts';
import { PROCESS } from './rels.ts';

/** Explains a process or realtime edge a -> b (elle core.clj ProcessExplainer, RealtimeExplainer). */
export function explainOrderEdge(a: Txn, b: Txn, rel: number): CycleStep {
  if (rel === PROCESS) {
    return { type: 'process', process: a.process, text: `process ${a.process} executed ${txnName(a)} before ${txnName(b)}` };
  }
  const dt = a.time !== undefined && b.invokeTime !== undefined && b.invokeTime > a.time ? ` (${((b.invokeTime - a.time) / 1e9).toFixed(3)} s earlier)` : '';
  return { type: 'realtime', text: `${txnName(a)} completed at index ${a.index}${dt}, before the invocation of ${txnName(b)}, at index ${b.invokeIndex ?? '?'}` };
}
