// example: own-service-history
import assert from 'node:assert/strict';
import { checkHistory, counterModel } from '@faultline/checker';
import { createDedupe, createRng, defineActor, retryAsk } from '@faultline/core';
import { Recorder } from '@faultline/history';
import { Simulation } from '@faultline/runtime';
import { fault, FaultNetwork, select } from '@faultline/transport';

type CounterMsg = { type: 'add'; requestId: string; amount: number } | { type: 'read' };

/** A counter that keeps its total in durable storage; `dedupe: false` is the naive version. */
const Counter = defineActor<CounterMsg, { dedupe: boolean }>({
  kind: 'counter',
  setup(ctx, props) {
    const answered = createDedupe({ storage: ctx.storage });
    const add = async (amount: number) => {
      await ctx.sleep(1); // pretend to fsync
      const total = (ctx.storage.get<number>('total') ?? 0) + amount;
      ctx.storage.set('total', total);
      return { total };
    };
    return {
      receive(msg) {
        if (msg.type === 'read') return { total: ctx.storage.get<number>('total') ?? 0 };
        return props.dedupe ? answered.once(msg.requestId, () => add(msg.amount)) : add(msg.amount);
      },
    };
  },
});

async function run(dedupe: boolean): Promise<string> {
  const net = new FaultNetwork({ nodes: 1 });
  const lossy = net.install({ target: select.between(['driver'], ['n1'], true), fault: fault.drop(0.3) });
  const sim = new Simulation({ seed: 11, nodes: 1, network: net.attach });
  const counter = await sim.spawn('n1', 'counter', Counter, { dedupe });
  const recorder = new Recorder(() => sim.now());
  const rng = createRng(sim.seed).derive('clients');
  await Promise.all([0, 1, 2].map(async () => {
    const client = recorder.client();
    for (let i = 1; i <= 10; i++) {
      await client.record({ f: 'add', value: i }, () =>
        retryAsk(sim, counter, (requestId) => ({ type: 'add', requestId, amount: i }), { rng, attempts: 8, timeoutMs: 20 }));
    }
  }));
  lossy.remove(); // a final read over a repaired link
  await recorder.client().record({ f: 'read' }, () => sim.ask<{ total: number }>(counter, { type: 'read' }), (r) => r.total);
  return checkHistory(counterModel, recorder.events).verdict;
}

export default async function main(): Promise<void> {
  assert.equal(await run(true), 'linearizable');      // 3 × (1 + … + 10) = 165, each add once
  assert.equal(await run(false), 'not-linearizable'); // retried adds counted twice: more than 165
}
