import { describe, expect, it } from 'vitest';
import { runExperiment, type ConflictPolicy, type ExperimentConfig } from '../src/index.ts';
import { LOSSY_LINKS, RANDOM_NEMESIS, seeds, WORKLOAD } from './fixtures.ts';

const apRun = (seed: number, policy: ConflictPolicy): ExperimentConfig => ({
  seed, nodes: 5,
  register: { kind: 'ap', props: { policy } },
  workload: WORKLOAD,
  nemesis: { generate: RANDOM_NEMESIS },
  linkRules: LOSSY_LINKS,
  settleMs: 3000,
});

describe('the AP register', () => {
  it('converges after heal across 50 seeds of a random nemesis (LWW by HLC)', async () => {
    let discarded = 0;
    for (const seed of seeds(50)) {
      const { convergence } = await runExperiment(apRun(seed, 'lww-hlc'));
      if (!convergence?.converged) throw new Error(`seed ${seed}: replicas diverge on ${convergence?.divergentKeys.join(', ')}`);
      discarded += convergence.discarded.length;
    }
    // Last-writer-wins throws away concurrent writes by design: across 50 runs it must have.
    expect(discarded).toBeGreaterThan(0);
  }, 120_000);

  it('keeps every concurrent write as a sibling: converges and discards none', async () => {
    for (const seed of seeds(20)) {
      const { convergence } = await runExperiment(apRun(seed, 'siblings'));
      expect(convergence?.converged, `seed ${seed}`).toBe(true);
      expect(convergence?.discarded, `seed ${seed}`).toEqual([]);
    }
  }, 120_000);

  it('answers on both sides of a partition and is shown not linearizable by the checker', async () => {
    const result = await runExperiment({
      seed: 3, nodes: 5, register: { kind: 'ap', props: { policy: 'lww-hlc' } },
      workload: { durationMs: 4000, processes: 10 },
      nemesis: { schedule: [{ at: 1000, do: { kind: 'partition-groups', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] } }, { at: 3000, do: { kind: 'heal' } }] },
    });
    expect(result.summary.fail).toBe(0);
    expect(result.summary.info).toBe(0);
    expect(result.linearizability.verdict).toBe('not-linearizable');
    expect(result.convergence?.converged).toBe(true);
  });
});
