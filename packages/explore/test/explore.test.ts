import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { address, defineActor, type NodeId } from '@faultline/core';
import { defineExplore, explore, minimizeViolation, readExploreCapsule, replayChoices } from '../src/index.ts';

/**
 * A planted race: two clients each read a counter and write back read + 1, with no lock. Only
 * an interleaving (both reads before either write) loses an update; every sequential order is fine.
 */
interface Box { value: number; writes: number }
const Counter = defineActor<{ type: 'get' } | { type: 'put'; value: number }, { box: Box }>({
  kind: 'test.counter',
  setup(_ctx, { box }) {
    return { receive: (m) => { if (m.type === 'get') return box.value; box.value = m.value; box.writes++; return 'ok'; } };
  },
});
const Client = defineActor<{ type: 'go' }, undefined>({
  kind: 'test.client',
  setup(ctx) {
    const server = address('n1' as NodeId, 'counter');
    return {
      receive: async () => {
        const got = await ctx.ask<number>(server, { type: 'get' }, { timeoutMs: 1000 });
        if (got.status === 'ok') await ctx.ask(server, { type: 'put', value: got.value + 1 }, { timeoutMs: 1000 });
        return undefined;
      },
    };
  },
});
const race = defineExplore({
  name: 'lost-update',
  nodes: 3,
  setup(world) {
    const box: Box = { value: 0, writes: 0 };
    world.spawn('n1', 'counter', Counter, { box });
    for (const n of ['n2', 'n3']) { world.spawn(n, 'client', Client, undefined); world.tell(address(n as NodeId, 'client'), { type: 'go' }); }
    return box;
  },
  observe: (b) => b,
  invariants: [{ name: 'no lost update', check: (b) => (b.writes === 2 && b.value !== 2 ? `two writes left the counter at ${b.value}` : undefined) }],
  goals: [{ name: 'both writes done', reached: (b) => b.writes === 2 }, { name: 'value three', reached: (b) => b.value === 3 }],
});

describe('explore: search over deliveries and timers', () => {
  it('breadth-first finds the lost update with a shortest trace: both reads answered before either write', async () => {
    const r = await explore(race, { strategy: 'bfs' });
    expect(r.violation?.property).toBe('no lost update');
    // 2 driver tells, 2 gets, 2 get replies, 2 puts = 8 deliveries; nothing shorter can lose an update.
    expect(r.violation?.choices).toHaveLength(8);
    expect(r.violation?.trace.filter((l) => l.includes(' put ')).length).toBe(2);
  });

  it('reports reached and unreached goals', async () => {
    const r = await explore({ ...race, invariants: [] }, { strategy: 'bfs' });
    expect(r.goalsReached['both writes done']).toBeDefined();
    expect(r.goalsUnreached).toEqual(['value three']);
  });

  it('a violation replays from its choices to the same state and trace', async () => {
    const r = await explore(race, { strategy: 'bfs' });
    const world = await replayChoices(race, r.violation!.choices);
    expect(world.state.value).toBe(1);
    expect(world.trace).toEqual(r.violation!.trace);
  });

  it('state hashing visits equal states once, and the bounded space is exhausted', async () => {
    const fixed = { ...race, name: 'no-race', invariants: [] };
    const r = await explore(fixed, { strategy: 'bfs' });
    expect(r.violation).toBeUndefined();
    expect(r.stats.exhausted).toBe(true);
    expect(r.stats.uniqueStates).toBeLessThan(r.stats.statesVisited);
    const { observe: _drop, ...statelessSpec } = fixed;
    const stateless = await explore(statelessSpec, { strategy: 'bfs' });
    expect(stateless.stats.uniqueStates).toBeGreaterThan(r.stats.uniqueStates);
  });

  it('dfs, random walks and PCT find it too; a sampled find is minimised', async () => {
    for (const strategy of ['dfs', 'random', 'pct'] as const) {
      const r = await explore(race, { strategy, seed: 3, walks: 500 });
      expect(r.violation?.property, strategy).toBe('no lost update');
      if (strategy !== 'dfs') expect(r.violation!.choices.length, strategy).toBeLessThanOrEqual(10);
    }
  });

  it('drops are a choice within the bound; without drops only an ask timeout firing first stops a write', async () => {
    const r = await explore({ ...race, invariants: [], atEnd: [{ name: 'both wrote', check: (b) => (b.writes === 2 ? undefined : `${b.writes} writes`) }] }, { maxDrops: 1 });
    expect(r.violation?.trace.some((l) => l.startsWith('drop'))).toBe(true);
    const none = await explore({ ...race, invariants: [], atEnd: [{ name: 'both wrote', check: (b) => (b.writes === 2 ? undefined : `${b.writes} writes`) }] }, { maxDrops: 0 });
    // Messages take no time, so a timer may fire before any reply: the ask ends unknown.
    expect(none.violation?.trace.some((l) => l.startsWith('drop'))).toBe(false);
    expect(none.violation?.trace.some((l) => l.startsWith('timer'))).toBe(true);
  });

  it('minimising never lengthens a violation and keeps it replayable', async () => {
    const r = await explore(race, { strategy: 'random', seed: 9, walks: 200 });
    const again = await minimizeViolation(race, r.violation!);
    expect(again.choices.length).toBeLessThanOrEqual(r.violation!.choices.length);
    expect((await replayChoices(race, again.choices)).state.value).toBe(1);
  });
});

describe('explore capsules are untrusted input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'explore-capsule-'));
  const write = (name: string, body: unknown) => { const p = join(dir, name); writeFileSync(p, typeof body === 'string' ? body : JSON.stringify(body)); return p; };
  const good = { format: 'faultline-explore-capsule/1', file: '/x.ts', spec: 's', maxDrops: 0, maxDuplicates: 0, property: 'p', explanation: 'e', choices: ['d1', 't2'] };
  it('reads a well-formed capsule', () => expect(readExploreCapsule(write('ok.json', good)).choices).toEqual(['d1', 't2']));
  it('refuses malformed ones, naming the field', () => {
    expect(() => readExploreCapsule(write('a.json', '{'))).toThrow(/not JSON/);
    expect(() => readExploreCapsule(write('b.json', { ...good, format: 'x' }))).toThrow(/format/);
    expect(() => readExploreCapsule(write('c.json', { ...good, choices: ['d1', 'rm -rf'] }))).toThrow(/choices/);
    expect(() => readExploreCapsule(write('d.json', { ...good, maxDrops: -1 }))).toThrow(/maxDrops/);
  });
});
