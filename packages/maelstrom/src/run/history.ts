import type { Json } from '../protocol/message.ts';
import { stringifyJsonExact } from '../protocol/exact-json.ts';

/** How a client operation ended, in Jepsen's terms: ok, fail (definitely not done), info (unknown). */
export type OpType = 'ok' | 'fail' | 'info';

/** One client operation: its invocation and (once known) its completion. */
export interface OpRecord {
  /** Jepsen process: a client gets a fresh process after an `info`, so each has one op at a time. */
  process: number;
  /** The client id (c1…) and the node it talks to. */
  client: string;
  node: string;
  f: string;
  /** What was asked (e.g. the value to broadcast). */
  value: Json;
  invokeTime: number;
  completeTime: number | undefined;
  type: OpType | undefined;
  /** What came back (e.g. the values read); null for info. */
  result: Json;
  /** Error code and name of an error reply. */
  error?: { code: number; name: string };
  /** Set for harness operations outside the workload window: setup (topology) and final reads. */
  phase?: 'setup' | 'final';
}

/** The history as JSONL: an invoke line and a completion line per operation, in time order. */
export function historyLines(ops: readonly OpRecord[]): string[] {
  const events: { time: number; seq: number; line: object }[] = [];
  ops.forEach((op, i) => {
    events.push({ time: op.invokeTime, seq: 2 * i, line: { type: 'invoke', process: op.process, f: op.f, value: op.value, time: round(op.invokeTime), node: op.node, ...(op.phase ? { phase: op.phase } : {}) } });
    if (op.completeTime !== undefined && op.type !== undefined) {
      events.push({
        time: op.completeTime, seq: 2 * i + 1,
        line: { type: op.type, process: op.process, f: op.f, value: op.type === 'ok' ? op.result : op.value, time: round(op.completeTime), ...(op.error ? { error: op.error.name, code: op.error.code } : {}) },
      });
    }
  });
  events.sort((a, b) => a.time - b.time || a.seq - b.seq);
  return events.map((e) => stringifyJsonExact(e.line));
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
