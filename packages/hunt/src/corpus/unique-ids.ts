import { defineActor, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * Unique ids as node + counter (Gossip Glomers 2). Broken: the counter lives in memory, so a
 * restarted node hands out its ids again. Correct: the counter is kept in `ctx.storage`, which
 * survives the crash, and is written before the id is answered.
 */
const Ids = (durable: boolean) => defineActor<{ type: 'generate' }>({
  kind: durable ? 'ids-durable' : 'ids-volatile',
  setup(ctx) {
    let counter = durable ? (ctx.storage.get<number>('counter') ?? 0) : 0;
    return {
      receive: () => {
        counter++;
        if (durable) ctx.storage.set('counter', counter);
        return `${ctx.self.node}-${counter}`;
      },
    };
  },
});

function scenario(name: string, durable: boolean): Scenario<{ nodes: Address[]; ids: Map<string, number> }> {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 60, clients: 2, durationMs: 5000 },
    families: ['crash', 'loss', 'pause', 'delay'],
    async setup(run) {
      const nodes: Address[] = [];
      for (const n of run.nodes) nodes.push(await run.spawn(n, 'ids', Ids(durable), undefined));
      return { nodes, ids: new Map() };
    },
    async workload(run, s) {
      await run.clients(async (c) => {
        const o = await run.sim.ask<string>(c.rng.pick(s.nodes), { type: 'generate' }, { timeoutMs: 200 });
        if (o.status === 'ok') s.ids.set(o.value, (s.ids.get(o.value) ?? 0) + 1);
        await run.sim.sleep(c.rng.int(100));
      });
    },
    properties: [{
      kind: 'invariant', name: 'ids are unique', when: 'step',
      check: (s) => { for (const [id, n] of s.ids) if (n > 1) return `id ${id} was handed out ${n} times`; return undefined; },
    }],
  });
}

export const idsBroken = scenario('unique-ids/broken', false);
export const idsCorrect = scenario('unique-ids/correct', true);
