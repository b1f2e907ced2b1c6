import { createDedupe, defineActor, retryAsk, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * A transfer between two accounts on two nodes (chapter 10). Broken: the source debits, then
 * sends the credit once; a lost message loses the money. Correct: the credit is asked until it is
 * acknowledged, with one request id, and the destination applies each id once.
 */
interface Probe { balances: Record<string, number> }
type Msg = { readonly type: 'transfer'; readonly amount: number } | { readonly type: 'credit'; readonly requestId: string; readonly amount: number };
interface Props { probe: Probe; peer: Address | undefined; reliable: boolean }

const Account = defineActor<Msg, Props>({
  kind: 'account',
  setup(ctx, { probe, peer, reliable }) {
    const me = ctx.self.node;
    probe.balances[me] ??= 100;
    const seen = createDedupe();
    return {
      receive: async (msg) => {
        if (msg.type === 'credit') return seen.once(msg.requestId, () => { probe.balances[me]! += msg.amount; return 'ok'; });
        if (peer === undefined || probe.balances[me]! < msg.amount) return 'refused';
        probe.balances[me]! -= msg.amount;
        const requestId = `${me}-${ctx.rng.int(1e9)}`;
        if (!reliable) ctx.send(peer, { type: 'credit', requestId, amount: msg.amount });
        else void retryAsk(ctx, peer, () => ({ type: 'credit', requestId, amount: msg.amount }), { rng: ctx.rng, attempts: 1000, timeoutMs: 100, baseDelayMs: 10, maxDelayMs: 100, retryOn: (o) => o.status !== 'ok' });
        return 'ok';
      },
    };
  },
});

function scenario(name: string, reliable: boolean): Scenario<{ source: Address; probe: Probe }> {
  return defineScenario({
    name, nodes: 2, bounds: { operations: 40, clients: 2, durationMs: 5000 },
    families: ['loss', 'duplicate', 'delay', 'reorder', 'partition'],
    async setup(run) {
      const probe: Probe = { balances: {} };
      const dest = await run.spawn('n2', 'account', Account, { probe, peer: undefined, reliable });
      return { source: await run.spawn('n1', 'account', Account, { probe, peer: dest, reliable }), probe };
    },
    async workload(run, s) {
      await run.clients(async (c) => {
        await run.sim.ask(s.source, { type: 'transfer', amount: 1 + c.rng.int(5) }, { timeoutMs: 200 });
        await run.sim.sleep(c.rng.int(100));
      });
    },
    properties: [{
      kind: 'invariant', name: 'money is conserved',
      check: (s) => {
        const total = Object.values(s.probe.balances).reduce((a, b) => a + b, 0);
        return total === 200 ? undefined : `the accounts hold ${total} in all, not 200 (${JSON.stringify(s.probe.balances)})`;
      },
    }],
  });
}

export const transferBroken = scenario('transfer/broken', false);
export const transferCorrect = scenario('transfer/correct', true);
