import { defineActor, retryAsk, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * Broadcast to every node (Gossip Glomers 3b/3c). Broken: the receiving node tells each peer once;
 * a lost message means a node never learns the value. Correct: each peer is asked until it acks.
 */
interface Probe { seen: Record<string, number[]> }
type Msg = { readonly type: 'broadcast' | 'gossip'; readonly value: number };
interface Props { probe: Probe; name: string; reliable: boolean }

const Node = defineActor<Msg, Props>({
  kind: 'broadcast-node',
  setup(ctx, { probe, name, reliable }) {
    const mine = (probe.seen[ctx.self.node] ??= []);
    const peers = ctx.clusterNodes.filter((n) => n !== ctx.self.node).map((node) => ({ node, name }) as Address);
    return {
      receive: (msg) => {
        if (!mine.includes(msg.value)) mine.push(msg.value);
        if (msg.type === 'gossip') return 'ok';
        for (const p of peers) {
          if (!reliable) ctx.send(p, { type: 'gossip', value: msg.value });
          else void retryAsk(ctx, p, () => ({ type: 'gossip', value: msg.value }), { rng: ctx.rng, attempts: 1000, timeoutMs: 100, baseDelayMs: 10, maxDelayMs: 100, retryOn: (o) => o.status !== 'ok' });
        }
        return 'ok';
      },
    };
  },
});

function scenario(name: string, reliable: boolean): Scenario<{ nodes: Address[]; probe: Probe; acked: number[] }> {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 40, clients: 2, durationMs: 5000 },
    families: ['loss', 'duplicate', 'delay', 'reorder', 'partition', 'pause'],
    async setup(run) {
      const probe: Probe = { seen: {} };
      const nodes: Address[] = [];
      for (const n of run.nodes) nodes.push(await run.spawn(n, 'bcast', Node, { probe, name: 'bcast', reliable }));
      return { nodes, probe, acked: [] as number[] };
    },
    async workload(run, s) {
      let next = 0;
      await run.clients(async (c) => {
        const value = next++;
        const o = await run.sim.ask(c.rng.pick(s.nodes), { type: 'broadcast', value }, { timeoutMs: 200 });
        if (o.status === 'ok') s.acked.push(value);
        await run.sim.sleep(c.rng.int(100));
      });
    },
    properties: [{
      kind: 'invariant', name: 'every node has every acknowledged value',
      check: (s) => {
        for (const [node, values] of Object.entries(s.probe.seen)) {
          const missing = s.acked.filter((v) => !values.includes(v));
          if (missing.length > 0) return `${node} never got ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}`;
        }
        return undefined;
      },
    }],
  });
}

export const broadcastBroken = scenario('broadcast/broken', false);
export const broadcastCorrect = scenario('broadcast/correct', true);
