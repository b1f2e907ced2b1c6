import { createDedupe, defineActor, retryAsk, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * A counter whose clients retry an add that timed out. Broken: the server adds again for every
 * retry (and for every duplicated frame), so the total overshoots what clients asked for. Correct:
 * the server remembers answers by request id (`createDedupe`, the idempotent receiver).
 * The buggify site makes the server slow now and then, so a retry happens without any fault.
 */
interface Add { readonly type: 'add'; readonly requestId: string }
interface CounterProbe { total: number }

const counter = (dedupe: boolean) => defineActor<Add, { probe: CounterProbe }>({
  kind: dedupe ? 'counter-dedupe' : 'counter-naive',
  setup(ctx, { probe }) {
    const seen = createDedupe({ storage: ctx.storage });
    const apply = async () => {
      if (ctx.buggify('counter.slow-add')) await ctx.sleep(150 + ctx.rng.int(200));
      probe.total++;
      return { total: probe.total };
    };
    return { receive: (msg) => (dedupe ? seen.once(msg.requestId, apply) : apply()) };
  },
});

function scenario(name: string, dedupe: boolean): Scenario<{ server: Address; probe: CounterProbe; started: number }> {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 60, clients: 3, durationMs: 6000 },
    families: ['loss', 'duplicate', 'delay', 'pause', 'partition'],
    async setup(run) {
      const probe: CounterProbe = { total: 0 };
      return { server: await run.spawn('n1', 'counter', counter(dedupe), { probe }), probe, started: 0 };
    },
    async workload(run, s) {
      await run.clients(async (c) => {
        s.started++;
        await retryAsk(run.sim, s.server, (requestId) => ({ type: 'add', requestId }), { rng: c.rng, attempts: 4, timeoutMs: 200, baseDelayMs: 20 });
        await run.sim.sleep(c.rng.int(50));
      });
    },
    properties: [{
      kind: 'invariant', name: 'no add counted twice', when: 'step',
      check: (s) => (s.probe.total > s.started ? `the counter reads ${s.probe.total} but clients have asked for only ${s.started} adds` : undefined),
    }],
  });
}

export const counterBroken = scenario('counter-retry/broken', false);
export const counterCorrect = scenario('counter-retry/correct', true);
