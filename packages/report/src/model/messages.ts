import type { RunTraceEvent } from '../folder/trace-line.ts';
import type { MessageColumns } from './report-model.ts';

/** Payload text kept per message in the page (the run folder keeps more). */
const PAYLOAD_SHOWN = 200;

const round = (t: number) => Math.round(t * 1000) / 1000;

/** Interns strings into a list, returning each one's index. */
class Interner {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/**
 * Turns a trace into one entry per message between two nodes: when it was sent, when it was
 * first delivered or dropped, and its fate (delivered, dropped, duplicated, or still in flight).
 * A message is known by its sending node and id. Messages a node sends to itself are counted, not drawn.
 */
export function messageColumns(trace: readonly RunTraceEvent[], nodes: readonly string[]): { columns: MessageColumns; local: number } | undefined {
  if (trace.length === 0) return undefined;
  const lanes = new Interner();
  if (trace.some((e) => e.from === 'driver' || e.to === 'driver')) lanes.of('driver');
  for (const n of nodes) lanes.of(n);
  const types = new Interner();
  const reasons = new Interner();
  const actors = new Interner();
  const kinds = new Interner();
  const payloads = new Interner();
  const c = {
    send: [] as number[], end: [] as number[], from: [] as number[], to: [] as number[], type: [] as number[], fate: [] as number[],
    reason: [] as number[], src: [] as number[], dst: [] as number[], kind: [] as number[], id: [] as number[], bytes: [] as number[],
    lamport: [] as number[], hlc: [] as string[], vc: [] as string[], payload: [] as number[],
  };
  const copies: Record<string, number[]> = {};
  const byKey = new Map<string, number>();
  let local = 0;
  let maxSpan = 0;
  // Indexes into FATES.
  const [DELIVERED, DROPPED, DUPLICATED, IN_FLIGHT] = [0, 1, 2, 3];
  for (const e of trace) {
    if (e.from === e.to) {
      if (e.ev === 'send') local++;
      continue;
    }
    const key = `${e.from}#${e.id}`;
    if (e.ev === 'send') {
      const i = c.send.length;
      byKey.set(key, i);
      c.send.push(round(e.t));
      c.end.push(-1);
      c.from.push(lanes.of(e.from));
      c.to.push(lanes.of(e.to));
      c.type.push(types.of(e.type ?? e.kind));
      c.fate.push(IN_FLIGHT);
      c.reason.push(-1);
      c.src.push(actors.of(e.src));
      c.dst.push(actors.of(e.dst));
      c.kind.push(kinds.of(e.kind));
      c.id.push(e.id);
      c.bytes.push(e.bytes);
      c.lamport.push(e.lamport ?? -1);
      c.hlc.push(e.hlc ?? '');
      c.vc.push(e.vc ? JSON.stringify(e.vc) : '');
      const p = e.payload ?? '';
      c.payload.push(payloads.of(p.length > PAYLOAD_SHOWN ? `${p.slice(0, PAYLOAD_SHOWN - 1)}…` : p));
      continue;
    }
    const i = byKey.get(key);
    if (i === undefined) continue; // sent before the trace began
    const t = round(e.t);
    if (c.end[i] === -1) {
      c.end[i] = t;
      c.fate[i] = e.ev === 'deliver' ? DELIVERED : DROPPED;
      if (e.ev === 'drop') c.reason[i] = reasons.of(e.reason ?? 'dropped');
      maxSpan = Math.max(maxSpan, t - (c.send[i] as number));
    } else if (e.ev === 'deliver') {
      c.fate[i] = DUPLICATED;
      (copies[i] ??= []).push(t);
      maxSpan = Math.max(maxSpan, t - (c.send[i] as number));
    }
  }
  return {
    columns: { count: c.send.length, lanes: lanes.list, types: types.list, reasons: reasons.list, actors: actors.list, kinds: kinds.list, payloads: payloads.list, ...c, copies, maxSpan },
    local,
  };
}
