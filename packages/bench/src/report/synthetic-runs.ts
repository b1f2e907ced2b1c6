import type { Rng } from '@faultline/core';
import type { HistoryEvent } from '@faultline/checker';
import { RunRecorder } from '@faultline/report';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];
const TYPES = ['ping', 'ack', 'abd-get', 'abd-set', 'reply', 'gossip'];

/**
 * A run folder holding `messages` messages between 5 nodes and a driver over 60 s of true time:
 * 1–5 ms latency, 2% dropped, 0.5% duplicated, a partition in the middle.
 */
export function writeMessageRun(dir: string, messages: number, rng: Rng): void {
  const nodes = ['driver', ...NODES];
  const record = new RunRecorder({ dir, title: `synthetic trace, ${messages} messages`, seed: 1, runtime: 'sim', nodes: NODES, replay: 'pnpm bench report', trace: true });
  const events: { t: number; ev: 'send' | 'deliver' | 'drop'; from: string; to: string; id: number; type: string; reason?: string }[] = [];
  const span = 60_000;
  for (let i = 0; i < messages; i++) {
    const t = (i / messages) * span;
    const from = rng.pick(nodes);
    let to = rng.pick(nodes);
    while (to === from) to = rng.pick(nodes);
    const type = rng.pick(TYPES);
    const id = i + 1;
    events.push({ t, ev: 'send', from, to, id, type });
    const r = rng.next();
    if (r < 0.02) events.push({ t, ev: 'drop', from, to, id, type, reason: 'drop' });
    else {
      events.push({ t: t + 1 + rng.next() * 4, ev: 'deliver', from, to, id, type });
      if (r < 0.025) events.push({ t: t + 2 + rng.next() * 8, ev: 'deliver', from, to, id, type });
    }
  }
  events.sort((a, b) => a.t - b.t);
  for (const e of events) {
    const base = { t: e.t, ev: e.ev, from: e.from, to: e.to, src: `actor@${e.from}`, dst: `actor@${e.to}`, kind: 'tell', id: e.id, bytes: 64, ...(e.reason ? { reason: e.reason } : {}) };
    record.onTrace(base, e.ev === 'send'
      ? { from: { node: e.from, name: 'actor' }, to: { node: e.to, name: 'actor' }, kind: 'tell', id: e.id, payload: { type: e.type, key: 'x', n: e.id % 97 }, stamps: { lamport: e.id, hlc: { l: Math.floor(e.t), c: 0 } } } as never
      : undefined);
  }
  record.nemesisSteps([
    { t: 20_000, op: { kind: 'partition', plan: { groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] } }, text: 'partition {n1,n2,n3} | {n4,n5}' },
    { t: 35_000, op: { kind: 'heal' }, text: 'heal all partitions' },
  ]);
  record.finish(span + 20);
}

/**
 * A run folder holding a linearizable register history of `ops` operations by 20 processes on
 * 4 keys over 60 s: each op takes effect at a point inside its interval, reads return what was
 * there at that point. The check is left to report writing.
 */
export function writeHistoryRun(dir: string, ops: number, rng: Rng): void {
  const record = new RunRecorder({ dir, title: `synthetic history, ${ops} operations`, seed: 1, runtime: 'sim', nodes: NODES, replay: 'pnpm bench report', trace: false });
  const processes = 20;
  const perProcess = Math.ceil(ops / processes);
  const slot = 60_000 / perProcess;
  type Op = { process: number; f: 'read' | 'write'; key: string; call: number; ret: number; at: number; value: number };
  const all: Op[] = [];
  for (let p = 0; p < processes; p++) {
    for (let k = 0; k < perProcess && all.length < ops; k++) {
      const call = k * slot + rng.next() * slot * 0.3;
      const ret = call + 0.5 + rng.next() * slot * 0.6;
      all.push({ process: p, f: rng.next() < 0.5 ? 'read' : 'write', key: `k${rng.int(4)}`, call, ret, at: call + (ret - call) * rng.next(), value: all.length + 1 });
    }
  }
  // Effects in order of their points decide what each read returns.
  const current = new Map<string, number | null>();
  const result = new Map<Op, number | null>();
  for (const op of [...all].sort((a, b) => a.at - b.at)) {
    if (op.f === 'write') current.set(op.key, op.value);
    else result.set(op, current.get(op.key) ?? null);
  }
  const events: HistoryEvent[] = [];
  for (const op of all) {
    events.push({ type: 'invoke', process: op.process, f: op.f, key: op.key, value: op.f === 'write' ? op.value : null, time: op.call });
    events.push({ type: 'ok', process: op.process, f: op.f, key: op.key, value: op.f === 'write' ? op.value : (result.get(op) ?? null), time: op.ret });
  }
  events.sort((a, b) => a.time - b.time);
  record.history({ name: 'history', model: 'register', events, nodeOfProcess: Object.fromEntries(Array.from({ length: processes }, (_, p) => [String(p), NODES[p % NODES.length] as string])) });
  record.finish(60_020);
}
