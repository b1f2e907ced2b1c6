import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, type Rng } from '@faultline/core';
import { FaultNetwork } from '@faultline/transport';
import { KvService, MaelstromNet, runMaelstromTest, SimScheduler, STATE_WINDOW, type Json, type KvServiceName, type MaelstromMessage, type MessageBody, type NodeProgram } from '../src/index.ts';

// Issue 19 item 8: the services were gentler than Maelstrom's (seq-kv and lww-kv applied writes
// and cas to the latest state, so lww-kv never lost an update) and copied the whole store per
// write. These tests follow Maelstrom's src/maelstrom/service.clj and its test/maelstrom/service_test.clj.

/** A service with a fake network that records replies; `call` returns the reply body (or undefined: none). */
function service(name: KvServiceName, seed = 1) {
  const scheduler = new SimScheduler();
  const net = new MaelstromNet(scheduler, new FaultNetwork({ nodes: ['n0'] }, createRng(seed)), ['n0']);
  const replies: MaelstromMessage[] = [];
  const svc = new KvService(name, net, createRng(seed));
  net.send = (m: MaelstromMessage) => { replies.push(m); };
  let id = 0;
  return {
    svc,
    call(src: string, body: Omit<MessageBody, 'msg_id'>): MessageBody | undefined {
      const before = replies.length;
      svc.deliver({ src, dest: name, body: { ...body, msg_id: ++id } as MessageBody });
      return replies.length > before ? replies[replies.length - 1]!.body : undefined;
    },
  };
}

describe('seq-kv, as Maelstrom\'s Sequential service (service_test.clj seq-kv-test)', () => {
  const prep = (seed: number) => {
    const s = service('seq-kv', seed);
    for (let i = 0; i < 8; i++) expect(s.call('c0', { type: 'write', key: 'x', value: i })?.type).toBe('write_ok');
    return s;
  };

  it('fresh clients read old states', () => {
    const s = prep(1);
    const values = new Set(Array.from({ length: 64 }, (_, i) => JSON.stringify(s.call(`old-read-${i}`, { type: 'read', key: 'x' })?.['value'] ?? null)));
    expect(values.size).toBeGreaterThan(1);
  });

  it('a client that writes something sees the newest state afterwards', () => {
    for (let i = 0; i < 8; i++) {
      const s = prep(10 + i);
      s.call(`ensure-${i}`, { type: 'write', key: 'ensure', value: i });
      expect(s.call(`ensure-${i}`, { type: 'read', key: 'x' })).toMatchObject({ type: 'read_ok', value: 7 });
    }
  });

  it('a client that reads again and again converges on the newest state', () => {
    for (let i = 0; i < 8; i++) {
      const s = prep(20 + i);
      let trial = 0;
      while (s.call('r', { type: 'read', key: 'x' })?.['value'] !== 7) expect(++trial).toBeLessThan(STATE_WINDOW * 10);
    }
  });

  it('a cas tried on a stale state fails with the stale value (the old harness always used the newest)', () => {
    const s = prep(2);
    const outcomes = Array.from({ length: 32 }, (_, i) => s.call(`fresh-${i}`, { type: 'cas', key: 'x', from: 7, to: 7 }));
    expect(outcomes.some((o) => o?.type === 'error' && o['code'] === 22 && /current value \d is not 7/.test(String(o['text'])))).toBe(true);
    expect(outcomes.some((o) => o?.type === 'cas_ok')).toBe(true);
  });
});

describe('lww-kv, as Maelstrom\'s Eventual service of two LWW replicas', () => {
  it('loses updates: twenty successful cas increments leave no replica at twenty', () => {
    const s = service('lww-kv', 3);
    for (let i = 0; i < 10; i++) s.call('n0', { type: 'write', key: 'k', value: 0 });
    let done = 0;
    for (let attempts = 0; done < 20; attempts++) {
      expect(attempts).toBeLessThan(10_000);
      const r = s.call('n0', { type: 'read', key: 'k' });
      if (r?.type !== 'read_ok') continue;
      if (s.call('n0', { type: 'cas', key: 'k', from: r['value'] ?? null, to: Number(r['value']) + 1 })?.type === 'cas_ok') done++;
    }
    const finals = Array.from({ length: 200 }, () => Number(s.call('n0', { type: 'read', key: 'k' })?.['value']));
    expect(Math.max(...finals)).toBeLessThan(20);
  });

  it('ignores create_if_not_exists, as its LWWKV record does', () => {
    const s = service('lww-kv');
    expect(s.call('n0', { type: 'cas', key: 'new', from: null, to: 1, create_if_not_exists: true })).toMatchObject({ type: 'error', code: 20 });
  });
});

describe('every service', () => {
  it.each(['lin-kv', 'seq-kv', 'lww-kv'] as const)('%s: keys are JSON values (1 and "1" differ), unknown types get no reply', (name) => {
    const s = service(name);
    for (let i = 0; i < 5; i++) s.call('n0', { type: 'write', key: 1, value: 'one' });
    expect(s.call('n0', { type: 'read', key: '1' })).toMatchObject({ type: 'error', code: 20, text: 'key does not exist' });
    expect(s.call('n0', { type: 'increment', key: 1 })).toBeUndefined();
  });

  it.each(['lin-kv', 'seq-kv', 'lww-kv'] as const)('%s: 8,000 writes to new keys, each readable after, keep one version per key', (name) => {
    const s = service(name);
    for (let i = 0; i < 8000; i++) expect(s.call('n0', { type: 'write', key: `k${i}`, value: i })?.type).toBe('write_ok');
    if (name === 'lin-kv') for (let i = 0; i < 8000; i += 97) expect(s.call('n0', { type: 'read', key: `k${i}` })).toMatchObject({ value: i });
    if (name === 'seq-kv') expect((s.svc as unknown as { seq: { versionCount(k: string): number } }).seq.versionCount('"k5"')).toBe(1);
  });

  it('seq-kv holds at most 2 × 32 + 1 versions of a key however often it is written', () => {
    const s = service('seq-kv');
    for (let i = 0; i < 10_000; i++) s.call('n0', { type: 'write', key: 'hot', value: i });
    const versions = (s.svc as unknown as { seq: { versionCount(k: string): number } }).seq.versionCount('"hot"');
    expect(versions).toBeGreaterThan(0);
    expect(versions).toBeLessThanOrEqual(2 * STATE_WINDOW + 1);
  });
});

/**
 * A deliberately simple seq-kv: Maelstrom's Sequential with whole-store copies in a 32-state ring,
 * straight from service.clj, to compare the versioned store against.
 */
class NaiveSeqKv {
  private buffer: Map<string, Json>[] = [new Map()];
  private lastIndex = 0;
  private readonly clients = new Map<string, number>();
  private readonly rng: Rng;
  constructor(rng: Rng) {
    this.rng = rng;
  }
  handle(client: string, body: MessageBody): MessageBody | undefined {
    const from = this.clients.get(client) ?? 0;
    const index = from + this.rng.int(this.lastIndex - from + 1);
    const len = this.buffer.length;
    const state = this.buffer[(((len - 1 - (this.lastIndex - index)) % len) + len) % len]!;
    const [next, reply] = apply(state, body);
    if (reply === undefined) return undefined;
    if (equalMaps(next, state)) { this.clients.set(client, index); return reply; }
    const [latest, res] = apply(this.buffer[len - 1]!, body);
    this.buffer.push(latest);
    if (this.buffer.length > STATE_WINDOW) this.buffer.shift();
    this.lastIndex++;
    this.clients.set(client, this.lastIndex);
    return res;
  }
}

function apply(m: Map<string, Json>, body: MessageBody): [Map<string, Json>, MessageBody | undefined] {
  const k = JSON.stringify(body['key'] ?? null);
  const set = (v: Json) => new Map(m).set(k, v);
  switch (body.type) {
    case 'read': return [m, m.has(k) ? { type: 'read_ok', value: m.get(k)! } : { type: 'error', code: 20, text: 'key does not exist' }];
    case 'write': return [set(body['value'] ?? null), { type: 'write_ok' }];
    case 'cas':
      if (!m.has(k)) return body['create_if_not_exists'] === true ? [set(body['to'] ?? null), { type: 'cas_ok' }] : [m, { type: 'error', code: 20, text: 'key does not exist' }];
      return JSON.stringify(m.get(k)) === JSON.stringify(body['from'] ?? null)
        ? [set(body['to'] ?? null), { type: 'cas_ok' }]
        : [m, { type: 'error', code: 22, text: `current value ${JSON.stringify(m.get(k))} is not ${JSON.stringify(body['from'] ?? null)}` }];
    default: return [m, undefined];
  }
}

function equalMaps(a: Map<string, Json>, b: Map<string, Json>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) if (!b.has(k) || JSON.stringify(b.get(k)) !== JSON.stringify(v)) return false;
  return true;
}

describe('seq-kv against a naive copy of service.clj', () => {
  it('gives the same reply to every request (fast-check, fixed seed)', () => {
    const op = fc.record({
      client: fc.constantFrom('n0', 'n1', 'n2'),
      type: fc.constantFrom('read', 'write', 'cas', 'cas-create'),
      key: fc.integer({ min: 0, max: 3 }),
      a: fc.integer({ min: 0, max: 3 }),
      b: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(fc.property(fc.array(op, { maxLength: 300 }), fc.integer({ min: 1, max: 1000 }), (ops, seed) => {
      const fast = service('seq-kv', seed);
      const naive = new NaiveSeqKv(createRng(seed));
      for (const o of ops) {
        const body: MessageBody = o.type === 'read' ? { type: 'read', key: o.key }
          : o.type === 'write' ? { type: 'write', key: o.key, value: o.a }
            : { type: 'cas', key: o.key, from: o.a, to: o.b, ...(o.type === 'cas-create' ? { create_if_not_exists: true } : {}) };
        const expected = naive.handle(o.client, body);
        const { in_reply_to: _r, ...got } = fast.call(o.client, body) ?? { type: 'none' };
        expect(got).toEqual(expected ?? { type: 'none' });
      }
    }), { seed: 19, numRuns: 200 });
  });
});

/** The usual Gossip Glomers g-counter: each node's total under its own seq-kv key; a read sums them (after a write of its own when `sync`). */
const seqKvCounter = (sync: boolean): NodeProgram => (node) => {
  let writes = 0;
  const rpc = (body: MessageBody) => node.rpc('seq-kv', body, 1000).catch(() => undefined);
  return {
    add: async (msg) => {
      for (;;) {
        const r = await rpc({ type: 'read', key: node.id });
        const cur = r?.body.type === 'read_ok' ? Number(r.body['value']) : 0;
        if ((await rpc({ type: 'cas', key: node.id, from: cur, to: cur + Number(msg.body['delta']), create_if_not_exists: true }))?.body.type === 'cas_ok') break;
      }
      node.reply(msg, { type: 'add_ok' });
    },
    read: async (msg) => {
      if (sync) await rpc({ type: 'write', key: `sync-${node.id}`, value: ++writes });
      let sum = 0;
      for (const id of node.nodeIds) {
        const r = await rpc({ type: 'read', key: id });
        if (r?.body.type === 'read_ok') sum += Number(r.body['value']);
      }
      node.reply(msg, { type: 'read_ok', value: sum });
    },
  };
};

describe('seq-kv in a run', () => {
  const run = (sync: boolean) => runMaelstromTest({
    workload: 'g-counter', nodes: { kind: 'in-process', program: seqKvCounter(sync) }, nodeCount: 3, timeLimitMs: 20_000, rate: 100, seed: 4,
    nemesis: ['partition'], nemesisIntervalMs: 2000,
  });
  it('a g-counter that reads seq-kv without a write of its own first can read stale sums at the end, as in Maelstrom', async () => {
    const r = await run(false);
    expect(r.valid).toBe(false);
    expect(r.check.anomalies['final-read-out-of-bounds']).toBeGreaterThan(0);
  });
  it('the same counter with a write of its own before each read sees the newest state: valid', async () => {
    expect((await run(true)).valid).toBe(true);
  });
});
