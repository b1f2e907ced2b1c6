import { createRng, type Rng } from '@faultline/core';
import type { HistoryEvent, JsonValue, OpFunction } from '@faultline/checker';

/** What to generate: a register, cas-register or kv history of `ops` operations by `processes` clients. */
export interface HistorySpec {
  /** Which model the history is for. */
  model: 'register' | 'cas-register' | 'kv';
  /** Concurrent client processes. */
  processes: number;
  /** Operations in all. */
  ops: number;
  /** Keys (kv only; registers use one). */
  keys?: number;
  /** Turn one read in the middle into a stale read, so the history is not linearizable. */
  staleRead?: boolean;
  /** The seed; the same spec and seed give the same history, byte for byte. */
  seed: number;
}

/** Distinct values a register write picks from: few enough that states repeat and the search must work. */
const VALUES = 10;

interface Op {
  process: number;
  f: OpFunction;
  key: string | undefined;
  input: JsonValue;
  output: JsonValue;
  call: number;
  ret: number;
  at: number;
  status: 'ok' | 'fail' | 'info';
}

/**
 * Generates a history of a correct (linearizable) store: each process runs one operation at a
 * time, each operation takes effect at a random point inside its interval, and outputs are what a
 * sequential store returns in that order. Times are integer µs. With `staleRead`, one read in the
 * middle returns a value that had been overwritten before the read was called, and no write of it
 * overlaps the read, so the history is not linearizable. The cas-register history has a few
 * operations of unknown outcome (`info`, about 1 in 200), like a real test with timeouts.
 */
export function generateHistory(spec: HistorySpec): HistoryEvent[] {
  const rng = createRng(spec.seed).derive(`${spec.model}/${spec.processes}/${spec.ops}/${spec.keys ?? 1}`);
  const ops: Op[] = [];
  const clock = Array.from({ length: spec.processes }, () => rng.int(50));
  for (let i = 0; i < spec.ops; i++) {
    // The process that is free soonest goes next, so the processes stay concurrent.
    let p = 0;
    for (let q = 1; q < clock.length; q++) if (clock[q]! < clock[p]!) p = q;
    const call = clock[p]! + 1 + rng.int(20);
    const ret = call + 5 + rng.int(100);
    clock[p] = ret;
    ops.push({ process: p, ...pick(spec, rng), output: null, call, ret, at: call + rng.next() * (ret - call), status: 'ok' });
  }
  applyInOrder(ops, spec.model);
  if (spec.staleRead === true) makeStale(ops);
  return toEvents(ops);
}

function pick(spec: HistorySpec, rng: Rng): Pick<Op, 'f' | 'key' | 'input'> {
  const value = rng.int(VALUES);
  const r = rng.next();
  switch (spec.model) {
    case 'register':
      return r < 0.5 ? { f: 'read', key: undefined, input: null } : { f: 'write', key: undefined, input: value };
    case 'cas-register':
      if (r < 0.4) return { f: 'read', key: undefined, input: null };
      if (r < 0.7) return { f: 'write', key: undefined, input: value };
      return { f: 'cas', key: undefined, input: [rng.int(VALUES), value] };
    case 'kv': {
      const key = String(rng.int(spec.keys ?? 1));
      if (r < 0.5) return { f: 'get', key, input: null };
      if (r < 0.8) return { f: 'put', key, input: `${value} ` };
      return { f: 'append', key, input: `${value} ` };
    }
    default: {
      const never: never = spec.model;
      throw new Error(`unknown model ${String(never)}`);
    }
  }
}

/** Runs the ops on a sequential store in the order they take effect, filling in outputs. */
function applyInOrder(ops: Op[], model: HistorySpec['model']): void {
  const state = new Map<string | undefined, JsonValue>();
  const byEffect = [...ops].sort((a, b) => a.at - b.at);
  let n = 0;
  for (const op of byEffect) {
    // A timed-out write or cas (1 in 200): it takes effect, but the client never hears back. Its
    // value is one no other op writes, so reads show where it took effect.
    if (model === 'cas-register' && op.f !== 'read' && ++n % 200 === 0) {
      op.status = 'info';
      const unique = VALUES + n;
      op.input = op.f === 'cas' ? [(op.input as JsonValue[])[0]!, unique] : unique;
    }
    const current = state.get(op.key) ?? (model === 'kv' ? '' : null);
    switch (op.f) {
      case 'read':
      case 'get':
        op.output = current;
        break;
      case 'write':
      case 'put':
        state.set(op.key, op.input);
        op.output = op.input;
        break;
      case 'append':
        state.set(op.key, `${String(current)}${String(op.input)}`);
        op.output = op.input;
        break;
      case 'cas': {
        const [from, to] = op.input as [JsonValue, JsonValue];
        if (current === from) state.set(op.key, to);
        else if (op.status === 'ok') op.status = 'fail';
        op.output = op.input;
        break;
      }
    }
  }
}

/**
 * Makes one read near the middle return a stale value v: some write w ended before the read was
 * called, and every op that could have set v before the read returned ended before w was called.
 */
function makeStale(ops: Op[]): void {
  const setter = (o: Op): JsonValue | undefined =>
    o.status === 'fail' ? undefined : o.f === 'write' ? o.input : o.f === 'cas' ? (o.input as JsonValue[])[1] : undefined;
  for (let i = Math.floor(ops.length / 2); i < ops.length; i++) {
    const read = ops[i]!;
    if (read.f !== 'read' || read.status !== 'ok') continue;
    let last: Op | undefined;
    for (const o of ops) if (o.f === 'write' && o.status === 'ok' && o.ret < read.call && (last === undefined || o.ret > last.ret)) last = o;
    if (last === undefined) continue;
    const w = last;
    const candidates = new Set<JsonValue>(Array.from({ length: VALUES }, (_, v) => v));
    candidates.delete(w.input);
    candidates.delete(read.output);
    for (const o of ops) {
      const v = setter(o);
      if (v !== undefined && o.call < read.ret && (o.status !== 'ok' || o.ret >= w.call)) candidates.delete(v);
    }
    const stale = [...candidates].find((v) => ops.some((o) => setter(o) === v && o.call < read.ret));
    if (stale === undefined) continue;
    read.output = stale;
    return;
  }
  throw new Error('generateHistory: found no read to make stale');
}

function toEvents(ops: readonly Op[]): HistoryEvent[] {
  const events: { e: HistoryEvent; order: number }[] = [];
  ops.forEach((op, i) => {
    const base = { process: op.process, f: op.f, ...(op.key === undefined ? {} : { key: op.key }) };
    events.push({ e: { type: 'invoke', ...base, value: op.input, time: op.call }, order: 2 * i });
    const value = op.status === 'ok' ? op.output : op.input;
    events.push({ e: { type: op.status, ...base, value, time: op.ret }, order: 2 * i + 1 });
  });
  events.sort((a, b) => a.e.time - b.e.time || a.order - b.order);
  return events.map(({ e }) => e);
}
