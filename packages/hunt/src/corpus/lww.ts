import { defineActor, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * A last-writer-wins register on three replicas (chapter 6, clocks). Each write is stamped by the
 * replica that takes it; replicas gossip (value, stamp) and keep the higher stamp. Broken: the
 * stamp is the replica's wall clock, so a client's second write, taken by a replica whose clock is
 * behind, loses to its first. Correct: the client passes the highest stamp it has been answered
 * (its causal context, as Dynamo's clients do) and the replica stamps past it.
 */
interface Stamp { readonly ms: number; readonly node: string }
type Msg =
  | { readonly type: 'write'; readonly value: string; readonly after?: Stamp }
  | { readonly type: 'gossip'; readonly value: string; readonly stamp: Stamp };

const later = (a: Stamp, b: Stamp) => a.ms > b.ms || (a.ms === b.ms && a.node > b.node);

/** What the properties read: each replica's register and each client's acknowledged writes in order. */
interface LwwProbe { replicas: Map<string, { value: string; stamp: Stamp }>; acked: Map<number, { value: string; stamp: Stamp }[]> }

const Replica = defineActor<Msg, { probe: LwwProbe; peers: Address[]; causal: boolean }>({
  kind: 'corpus.lww-replica',
  setup(ctx, { probe, peers, causal }) {
    const me = ctx.self.node;
    const state = { value: '', stamp: { ms: -Infinity, node: '' } as Stamp };
    probe.replicas.set(me, state);
    const merge = (value: string, stamp: Stamp) => {
      if (later(stamp, state.stamp)) { state.value = value; state.stamp = stamp; }
    };
    const gossip = () => { for (const p of peers) ctx.send(p, { type: 'gossip', value: state.value, stamp: state.stamp }); };
    const tick = () => { gossip(); ctx.setTimer(100, tick); };
    ctx.setTimer(100, tick);
    return {
      receive: (msg) => {
        if (msg.type === 'gossip') { merge(msg.value, msg.stamp); return undefined; }
        const wall = Math.floor(ctx.now());
        const ms = causal && msg.after !== undefined ? Math.max(wall, msg.after.ms + 1) : wall;
        const stamp = { ms, node: me };
        merge(msg.value, stamp);
        gossip();
        return stamp;
      },
    };
  },
});

function scenario(name: string, causal: boolean): Scenario<{ replicas: Address[]; probe: LwwProbe }> {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 40, clients: 2, durationMs: 4000 },
    families: ['clock', 'loss', 'delay', 'partition'],
    async setup(run) {
      const probe: LwwProbe = { replicas: new Map(), acked: new Map() };
      const names = run.nodes.map((n) => ({ node: n, name: 'lww' }) as Address);
      const replicas: Address[] = [];
      for (const n of run.nodes) replicas.push(await run.spawn(n, 'lww', Replica, { probe, peers: names.filter((a) => a.node !== n), causal }));
      return { replicas, probe };
    },
    async workload(run, s) {
      let seq = 0;
      await run.clients(async (c) => {
        const mine = s.probe.acked.get(c.index) ?? [];
        s.probe.acked.set(c.index, mine);
        const value = `c${c.index}-${++seq}`;
        const after = mine.at(-1)?.stamp;
        const o = await run.sim.ask<Stamp>(c.rng.pick(s.replicas), { type: 'write', value, ...(after ? { after } : {}) }, { timeoutMs: 200 });
        if (o.status === 'ok') mine.push({ value, stamp: o.value });
        await run.sim.sleep(c.rng.int(50));
      });
    },
    properties: [
      {
        kind: 'invariant', name: "a client's later write wins over its earlier one",
        check: (s) => {
          for (const [client, writes] of s.probe.acked) {
            for (let i = 1; i < writes.length; i++) {
              const [a, b] = [writes[i - 1]!, writes[i]!];
              if (!later(b.stamp, a.stamp)) return `client ${client} wrote ${b.value} after ${a.value} was acknowledged, but LWW keeps ${a.value} (stamps ${b.stamp.ms}@${b.stamp.node} ≤ ${a.stamp.ms}@${a.stamp.node})`;
            }
          }
          return undefined;
        },
      },
      {
        kind: 'invariant', name: 'replicas converge after the faults',
        check: (s) => {
          const values = new Set([...s.probe.replicas.values()].map((r) => r.value));
          return values.size <= 1 ? undefined : `replicas hold ${[...values].join(', ')}`;
        },
      },
    ],
  });
}

export const lwwBroken = scenario('lww-clock/broken', false);
export const lwwCorrect = scenario('lww-clock/correct', true);
