import { address, type Address, type NodeId } from '@faultline/core';
import { CpRegister } from '@faultline/registers/actors';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * ABD, the CP register of chapter 8 (Attiya, Bar-Noy & Dolev 1995). Broken: a read returns the
 * highest value a majority reported without writing it back to a majority first, so a later read
 * served by a different majority can see the older value (a new-old inversion: not linearizable).
 * Correct: the read's write-back phase. The history is judged by the linearizability checker.
 */
function scenario(name: string, skipWriteBack: boolean): Scenario<{ replicas: Address[] }> {
  return defineScenario({
    name, nodes: 5, bounds: { operations: 400, clients: 10, durationMs: 5000 },
    families: ['loss', 'duplicate', 'reorder', 'pause'],
    async setup(run) {
      const replicas: Address[] = [];
      for (const n of run.nodes) replicas.push(await run.spawn(n, 'register', CpRegister, { unsafeSkipReadWriteBack: skipWriteBack }));
      return { replicas };
    },
    async workload(run, s) {
      let next = 0;
      await run.clients(async (c) => {
        const replica = address(c.rng.pick(run.nodes) as NodeId, 'register');
        if (c.rng.chance(0.5)) {
          await c.history.record({ f: 'read' }, () => run.sim.ask<{ value: number | null }>(replica, { type: 'read', key: 'x' }, { timeoutMs: 400 }), (r) => r.value);
        } else {
          const value = ++next;
          await c.history.record({ f: 'write', value }, () => run.sim.ask(replica, { type: 'write', key: 'x', value }, { timeoutMs: 400 }));
        }
        await run.sim.sleep(c.rng.int(20));
      });
      void s;
    },
    properties: [{ kind: 'history', name: 'the register is linearizable', model: 'register' }],
  });
}

export const abdBroken = scenario('abd-write-back/broken', true);
export const abdCorrect = scenario('abd-write-back/correct', false);
