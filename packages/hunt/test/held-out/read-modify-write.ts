import { defineActor, Rejection, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../../src/scenario.ts';

/**
 * Clients increment a number in a key-value store by reading it and writing it back plus one.
 * Broken: a plain put, so two clients that read the same value both write value + 1 and one
 * increment is lost. Correct: the put names the version it read (compare-and-set) and the client
 * reads again when another write came first.
 */
type KvMsg = { readonly type: 'get' } | { readonly type: 'put'; readonly value: number; readonly version?: number; readonly id: string };

/** The store's value and the ids of the puts it applied (a duplicated put frame is applied once). */
interface KvProbe { value: number; version: number; applied: Set<string> }

const Kv = defineActor<KvMsg, { probe: KvProbe }>({
  kind: 'held-out.kv',
  setup(_ctx, { probe }) {
    return {
      receive: (msg) => {
        if (msg.type === 'get') return { value: probe.value, version: probe.version };
        if (probe.applied.has(msg.id)) return 'ok';
        if (msg.version !== undefined && msg.version !== probe.version) throw new Rejection('conflict', `version ${probe.version}, not ${msg.version}`);
        probe.applied.add(msg.id);
        probe.value = msg.value;
        probe.version++;
        return 'ok';
      },
    };
  },
});

function scenario(name: string, cas: boolean): Scenario<{ kv: Address; probe: KvProbe; acked: number }> {
  return defineScenario({
    name, nodes: 2, bounds: { operations: 60, clients: 3, durationMs: 5000 },
    families: ['loss', 'delay', 'reorder', 'duplicate', 'pause'],
    async setup(run) {
      const probe: KvProbe = { value: 0, version: 0, applied: new Set() };
      return { kv: await run.spawn('n1', 'kv', Kv, { probe }), probe, acked: 0 };
    },
    async workload(run, s) {
      let ids = 0;
      await run.clients(async (c) => {
        const id = `c${c.index}-${++ids}`;
        for (let attempt = 0; attempt < 5; attempt++) {
          const read = await run.sim.ask<{ value: number; version: number }>(s.kv, { type: 'get' }, { timeoutMs: 200 });
          if (read.status !== 'ok') continue;
          const put = await run.sim.ask(s.kv, { type: 'put', id, value: read.value.value + 1, ...(cas ? { version: read.value.version } : {}) }, { timeoutMs: 200 });
          if (put.status === 'ok') { s.acked++; break; }
          if (put.status === 'failed' && put.code === 'conflict') continue;
          break; // timed out: it may have been applied; count it as not acknowledged
        }
        await run.sim.sleep(c.rng.int(40));
      });
    },
    properties: [{
      kind: 'invariant', name: 'no acknowledged increment is lost', when: 'step',
      check: (s) => (s.probe.value < s.acked ? `the value is ${s.probe.value} after ${s.acked} acknowledged increments` : undefined),
    }],
  });
}

export const rmwBroken = scenario('held-out/read-modify-write/broken', false);
export const rmwCorrect = scenario('held-out/read-modify-write/correct', true);
