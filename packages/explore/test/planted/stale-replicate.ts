import { defineScenario } from '@faultline/hunt';
import { Backup, freshReplicaProbe, noRegression, Primary } from '../../src/planted/stale-replicate.ts';

// `faultline test` scenarios of the planted stale-replicate bug (src/planted/stale-replicate.ts):
// writes from two clients, swarm faults; the explore specs of the same actors are in src/planted.
function scenario(name: string, checkVersion: boolean) {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 30, clients: 2, durationMs: 4000 },
    families: ['loss', 'duplicate', 'delay', 'reorder', 'pause', 'partition'],
    async setup(run) {
      const probe = freshReplicaProbe();
      const backup = await run.spawn('n2', 'backup', Backup, { probe, checkVersion });
      const primary = await run.spawn('n1', 'primary', Primary, { probe, backup });
      return { probe, primary };
    },
    async workload(run, s) {
      let next = 0;
      await run.clients(async (c) => {
        await run.sim.ask(s.primary, { type: 'write', value: ++next }, { timeoutMs: 30_000 });
        await run.sim.sleep(c.rng.int(50));
      });
    },
    properties: [{ kind: 'invariant', name: 'the backup never goes back', when: 'step', check: (s) => noRegression(s.probe) }],
  });
}

/** `faultline test` scenarios: the planted bug and its correct twin. */
export const staleReplicateScenario = scenario('stale-replicate/broken', false);
export const freshReplicateScenario = scenario('stale-replicate/correct', true);

