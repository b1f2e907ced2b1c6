import { defineActor, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * Two-phase commit (Gray 1978; Bernstein, Hadzilacos & Goodman ch. 7) with presumed abort: a
 * participant left prepared asks the coordinator, and a coordinator with no record of a
 * transaction answers abort. Broken: the coordinator keeps its decision in memory, so after a
 * crash it presumes abort for a transaction it had decided to commit, and one participant aborts
 * what another committed. Correct: the decision is written to stable storage before any
 * participant hears it.
 */
type Outcome = 'commit' | 'abort';
type CoordMsg = { readonly type: 'run'; readonly txn: string } | { readonly type: 'status'; readonly txn: string };
type PartMsg = { readonly type: 'prepare'; readonly txn: string } | { readonly type: 'decide'; readonly txn: string; readonly outcome: Outcome };

/** Every participant's final outcome per transaction, as it wrote it to its storage. */
interface TpcProbe { outcomes: Map<string, Map<string, Outcome>> }

const Coordinator = defineActor<CoordMsg, { participants: Address[]; durable: boolean }>({
  kind: 'corpus.2pc-coordinator',
  setup(ctx, { participants, durable }) {
    const memory = new Map<string, Outcome>();
    const pending = new Set<string>();
    const decided = (txn: string): Outcome | undefined => (durable ? ctx.storage.get<Outcome>(`decision:${txn}`) : memory.get(txn));
    return {
      receive: async (msg) => {
        if (msg.type === 'status') return decided(msg.txn) ?? (pending.has(msg.txn) ? 'pending' : 'abort');
        pending.add(msg.txn);
        const votes = await Promise.all(participants.map((p) => ctx.ask<string>(p, { type: 'prepare', txn: msg.txn }, { timeoutMs: 150 })));
        const outcome: Outcome = votes.every((v) => v.status === 'ok' && v.value === 'yes') ? 'commit' : 'abort';
        if (durable) ctx.storage.set(`decision:${msg.txn}`, outcome);
        else memory.set(msg.txn, outcome);
        pending.delete(msg.txn);
        for (const p of participants) {
          ctx.send(p, { type: 'decide', txn: msg.txn, outcome });
          // A rare slow path: the coordinator stalls between participants (a GC pause, a slow disk).
          if (ctx.buggify('2pc.stall-between-decides')) await ctx.sleep(100 + ctx.rng.int(400));
        }
        return outcome;
      },
    };
  },
});

const Participant = defineActor<PartMsg, { coordinator: Address; probe: TpcProbe }>({
  kind: 'corpus.2pc-participant',
  setup(ctx, { coordinator, probe }) {
    const me = ctx.self.node;
    const finish = (txn: string, outcome: Outcome) => {
      if (ctx.storage.get(`outcome:${txn}`) !== undefined) return;
      ctx.storage.set(`outcome:${txn}`, outcome);
      ctx.storage.delete(`prepared:${txn}`);
      const byNode = probe.outcomes.get(txn) ?? new Map<string, Outcome>();
      byNode.set(me, outcome);
      probe.outcomes.set(txn, byNode);
    };
    // A prepared participant may not decide alone: it asks the coordinator until it hears.
    const ask = async () => {
      for (const key of ctx.storage.keys('prepared:')) {
        const txn = key.slice('prepared:'.length);
        const o = await ctx.ask<string>(coordinator, { type: 'status', txn }, { timeoutMs: 100 });
        if (o.status === 'ok' && (o.value === 'commit' || o.value === 'abort')) finish(txn, o.value);
      }
      ctx.setTimer(1000, () => void ask());
    };
    ctx.setTimer(1000, () => void ask());
    return {
      receive: (msg) => {
        if (msg.type === 'decide') { finish(msg.txn, msg.outcome); return undefined; }
        if (ctx.storage.get(`outcome:${msg.txn}`) !== undefined) return 'no';
        const yes = !ctx.rng.chance(0.1);
        if (yes) ctx.storage.set(`prepared:${msg.txn}`, true);
        else finish(msg.txn, 'abort');
        return yes ? 'yes' : 'no';
      },
    };
  },
});

function scenario(name: string, durable: boolean): Scenario<{ coordinator: Address; probe: TpcProbe }> {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 30, clients: 2, durationMs: 5000 },
    families: ['crash', 'loss', 'delay', 'partition'],
    async setup(run) {
      const probe: TpcProbe = { outcomes: new Map() };
      const coordinator = { node: 'n1', name: 'coordinator' } as Address;
      const participants = [await run.spawn('n2', 'participant', Participant, { coordinator, probe }), await run.spawn('n3', 'participant', Participant, { coordinator, probe })];
      await run.spawn('n1', 'coordinator', Coordinator, { participants, durable });
      return { coordinator, probe };
    },
    async workload(run, s) {
      let next = 0;
      await run.clients(async (c) => {
        await run.sim.ask(s.coordinator, { type: 'run', txn: `t${++next}` }, { timeoutMs: 500 });
        await run.sim.sleep(c.rng.int(50));
      });
    },
    properties: [{
      kind: 'invariant', name: 'all participants reach the same outcome', when: 'step',
      check: (s) => {
        for (const [txn, byNode] of s.probe.outcomes) {
          const seen = new Set(byNode.values());
          if (seen.size > 1) return `${txn}: ${[...byNode].map(([n, o]) => `${n} ${o === 'commit' ? 'committed' : 'aborted'}`).join(', ')}`;
        }
        return undefined;
      },
    }],
  });
}

export const tpcBroken = scenario('two-phase-commit/broken', false);
export const tpcCorrect = scenario('two-phase-commit/correct', true);
