// Histories of user-written services, recorded around plain asks and judged by the set, counter and
// unique-ids models (issue 10 item 4; issue 15 item 5): each correct service passes, each broken one is caught.
import { describe, expect, it } from 'vitest';
import { checkHistory, counterModel, setModel, uniqueIdsModel, type Model } from '@faultline/checker';
import { address, createRng, type Address } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { Recorder, type RecordingClient } from '../src/index.ts';
import { Counter, IdGenerator, RacyCounter, ReplicatedSet } from './fixtures/services.ts';

/** Runs `clients` concurrent clients, each doing `ops` operations with a random think time, recorded. */
async function drive(sim: Simulation, seed: number, clients: number, ops: number,
  step: (client: RecordingClient, rng: ReturnType<typeof createRng>, index: number) => Promise<unknown>): Promise<Recorder> {
  const recorder = new Recorder(() => sim.now());
  await Promise.all(Array.from({ length: clients }, async (_, i) => {
    const rng = createRng(seed).derive(`client:${i}`);
    const client = recorder.client();
    for (let n = 0; n < ops; n++) {
      await sim.sleep(rng.int(5));
      await step(client, rng, i);
    }
  }));
  return recorder;
}

const verdict = (model: Model, recorder: Recorder) => checkHistory(model, recorder.events).verdict;

describe('a counter, recorded with add/read and judged by the counter model', () => {
  const run = async (racy: boolean, seed: number) => {
    const sim = new Simulation({ seed, nodes: 2 });
    const counter = await sim.spawn('n1', 'counter', racy ? RacyCounter : Counter, undefined);
    return drive(sim, seed, 4, 15, (client, rng) => {
      if (rng.chance(0.3)) return client.record({ f: 'read' }, () => sim.ask<{ total: number }>(counter, { type: 'read' }), (r) => r.total);
      const amount = 1 + rng.int(9);
      return client.record({ f: 'add', value: amount }, () => sim.ask(counter, { type: 'add', amount }));
    });
  };

  it.each([1, 2, 3])('passes the atomic counter (seed %i)', async (seed) => {
    expect(verdict(counterModel, await run(false, seed))).toBe('linearizable');
  });

  it.each([1, 2, 3])('catches the counter that loses concurrent adds at an await (seed %i)', async (seed) => {
    expect(verdict(counterModel, await run(true, seed))).toBe('not-linearizable');
  });
});

describe('a replicated set, recorded with add/read and judged by the set model', () => {
  const run = async (lazy: boolean, seed: number) => {
    const sim = new Simulation({ seed, nodes: 3 });
    const peers = sim.nodes.map((n) => address(n, 'set'));
    for (const n of sim.nodes) await sim.spawn(n, 'set', ReplicatedSet, { peers, lazy });
    let next = 0;
    return drive(sim, seed, 3, 12, (client, rng, i) => {
      const at: Address = peers[(i + rng.int(3)) % 3]!;
      if (rng.chance(0.4)) return client.record({ f: 'read' }, () => sim.ask<number[]>(at, { type: 'read' }), (r) => r);
      const element = next++;
      return client.record({ f: 'add', value: element }, () => sim.ask(at, { type: 'add', element }));
    });
  };

  it.each([4, 5])('passes the set that acknowledges once every replica has the element (seed %i)', async (seed) => {
    expect(verdict(setModel, await run(false, seed))).toBe('linearizable');
  });

  it.each([4, 5])('catches the set that acknowledges first and gossips later (seed %i)', async (seed) => {
    expect(verdict(setModel, await run(true, seed))).toBe('not-linearizable');
  });
});

describe('an id generator on every node, judged by the unique-ids model', () => {
  const run = async (prefixed: boolean, seed: number) => {
    const sim = new Simulation({ seed, nodes: 3 });
    for (const n of sim.nodes) await sim.spawn(n, 'ids', IdGenerator, { prefixed });
    return drive(sim, seed, 3, 20, (client, rng) => client.record(
      { f: 'generate' },
      () => sim.ask<{ id: string | number }>(address(rng.pick(sim.nodes), 'ids'), { type: 'generate' }),
      (r) => r.id,
    ));
  };

  it('passes ids prefixed with the node name', async () => {
    expect(verdict(uniqueIdsModel, await run(true, 6))).toBe('linearizable');
  });

  it('catches nodes that all count from 1', async () => {
    const recorder = await run(false, 6);
    const result = checkHistory(uniqueIdsModel, recorder.events);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.explanation).toMatch(/generate\(\) → \d+/);
  });
});
