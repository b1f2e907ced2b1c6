import { defineActor, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../../src/scenario.ts';

/**
 * A queue that answers an enqueue at once and writes the item to storage a little later
 * (write-behind). Broken: a crash in between loses an item the client was told is stored.
 * Correct: the item is in `ctx.storage` before the answer.
 */
type QueueMsg = { readonly type: 'enqueue'; readonly item: string } | { readonly type: 'list' };

const Queue = (writeBehind: boolean) => defineActor<QueueMsg>({
  kind: writeBehind ? 'held-out.queue-write-behind' : 'held-out.queue-durable',
  setup(ctx) {
    const items: string[] = [...(ctx.storage.get<string[]>('items') ?? [])];
    const persist = () => ctx.storage.set('items', [...items]);
    return {
      receive: (msg) => {
        if (msg.type === 'list') return [...items];
        items.push(msg.item);
        if (writeBehind) ctx.setTimer(20, persist);
        else persist();
        return 'ok';
      },
    };
  },
});

function scenario(name: string, writeBehind: boolean): Scenario<{ queue: Address; acked: string[] }> {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 60, clients: 2, durationMs: 5000 },
    families: ['crash', 'loss', 'delay', 'pause'],
    async setup(run) {
      const acked: string[] = [];
      return { queue: await run.spawn('n1', 'queue', Queue(writeBehind), undefined), acked };
    },
    async workload(run, s) {
      await run.clients(async (c) => {
        const item = `c${c.index}-${c.rng.int(1e9)}`;
        const o = await run.sim.ask(s.queue, { type: 'enqueue', item }, { timeoutMs: 200 });
        if (o.status === 'ok') s.acked.push(item);
        await run.sim.sleep(c.rng.int(60));
      });
    },
    properties: [{
      kind: 'liveness', name: 'every acknowledged item stays in the queue', withinMs: 1000,
      check: async (s, run) => {
        const o = await run.sim.ask<string[]>(s.queue, { type: 'list' }, { timeoutMs: 200 });
        if (o.status !== 'ok') return `the queue did not answer a list (${o.status})`;
        const lost = s.acked.filter((i) => !o.value.includes(i));
        return lost.length > 0 ? `${lost.length} acknowledged item(s) are gone, e.g. ${lost[0]}` : undefined;
      },
    }],
  });
}

export const writeBehindBroken = scenario('held-out/write-behind-queue/broken', true);
export const writeBehindCorrect = scenario('held-out/write-behind-queue/correct', false);
