import { defineActor, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * A grow-only counter on three nodes (Gossip Glomers 4; Shapiro et al. 2011, CRDTs). Broken:
 * op-based, each add is sent to the peers once as "+n", so a duplicated frame counts twice and a
 * lost one never arrives. Correct: state-based, each node gossips its per-node counts and a merge
 * takes the maximum per node, which is idempotent and tolerates loss (the next gossip repairs it).
 */
type Msg =
  | { readonly type: 'add'; readonly delta: number }
  | { readonly type: 'read' }
  | { readonly type: 'op'; readonly delta: number }
  | { readonly type: 'state'; readonly counts: Record<string, number> };

interface CounterProbe { reads: Map<string, () => number>; acked: number; unknown: number }

const Counter = defineActor<Msg, { probe: CounterProbe; peers: Address[]; stateBased: boolean }>({
  kind: 'corpus.g-counter',
  setup(ctx, { probe, peers, stateBased }) {
    const me = ctx.self.node;
    const counts: Record<string, number> = {};
    let opTotal = 0;
    const value = () => (stateBased ? Object.values(counts).reduce((a, b) => a + b, 0) : opTotal);
    probe.reads.set(me, value);
    if (stateBased) {
      const tick = () => { for (const p of peers) ctx.send(p, { type: 'state', counts: { ...counts } }); ctx.setTimer(100, tick); };
      ctx.setTimer(100, tick);
    }
    return {
      receive: (msg) => {
        switch (msg.type) {
          case 'add':
            if (stateBased) counts[me] = (counts[me] ?? 0) + msg.delta;
            else { opTotal += msg.delta; for (const p of peers) ctx.send(p, { type: 'op', delta: msg.delta }); }
            return 'ok';
          case 'read': return value();
          case 'op': opTotal += msg.delta; return undefined;
          case 'state':
            for (const [n, c] of Object.entries(msg.counts)) if (c > (counts[n] ?? 0)) counts[n] = c;
            return undefined;
        }
      },
    };
  },
});

function scenario(name: string, stateBased: boolean): Scenario<CounterProbe> {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 40, clients: 2, durationMs: 4000 },
    families: ['loss', 'duplicate', 'delay', 'partition'],
    async setup(run) {
      const probe: CounterProbe = { reads: new Map(), acked: 0, unknown: 0 };
      const names = run.nodes.map((n) => ({ node: n, name: 'counter' }) as Address);
      for (const n of run.nodes) await run.spawn(n, 'counter', Counter, { probe, peers: names.filter((a) => a.node !== n), stateBased });
      return probe;
    },
    async workload(run, probe) {
      const nodes = run.nodes.map((n) => ({ node: n, name: 'counter' }) as Address);
      await run.clients(async (c) => {
        const delta = 1 + c.rng.int(3);
        const o = await run.sim.ask(c.rng.pick(nodes), { type: 'add', delta }, { timeoutMs: 200 });
        if (o.status === 'ok') probe.acked += delta;
        else if (o.status === 'unknown') probe.unknown += delta;
        await run.sim.sleep(c.rng.int(50));
      });
    },
    properties: [{
      kind: 'invariant', name: 'every node reads the acknowledged sum after the faults',
      check: (p) => {
        for (const [node, read] of p.reads) {
          const v = read();
          if (v < p.acked || v > p.acked + p.unknown) return `${node} reads ${v}, but acknowledged adds sum to ${p.acked} (plus at most ${p.unknown} of unknown outcome)`;
        }
        return undefined;
      },
    }],
  });
}

export const gCounterBroken = scenario('g-counter/broken', false);
export const gCounterCorrect = scenario('g-counter/correct', true);
