import { defineScenario } from '@faultline/hunt';
import { freshLockProbe, LockServer, LockWorker, oneHolder } from '../../src/planted/stale-release.ts';

// `faultline test` scenarios of the planted stale-release bug (src/planted/stale-release.ts):
// two workers taking the lock in turn, swarm faults; the explore specs are in src/planted.
function scenario(name: string, checkToken: boolean) {
  return defineScenario({
    name, nodes: 3, bounds: { operations: 30, clients: 2, durationMs: 4000 },
    families: ['loss', 'duplicate', 'delay', 'reorder', 'pause', 'partition'],
    async setup(run) {
      const probe = freshLockProbe();
      const lock = await run.spawn('n1', 'lock', LockServer, { probe, checkToken });
      const workers = [await run.spawn('n2', 'worker', LockWorker, { probe, lock, workMs: 20 }), await run.spawn('n3', 'worker', LockWorker, { probe, lock, workMs: 20 })];
      return { probe, workers };
    },
    async workload(run, s) {
      await run.clients(async (c) => {
        await run.sim.ask(s.workers[c.index % 2]!, { type: 'work', rounds: 1 }, { timeoutMs: 60_000 });
        await run.sim.sleep(c.rng.int(50));
      });
    },
    properties: [{ kind: 'invariant', name: 'one lock holder at a time', when: 'step', check: (s) => oneHolder(s.probe) }],
  });
}

/** `faultline test` scenarios: the planted bug and its correct twin. */
export const staleReleaseScenario = scenario('stale-release/broken', false);
export const freshReleaseScenario = scenario('stale-release/correct', true);

