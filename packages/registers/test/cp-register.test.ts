import { describe, expect, it } from 'vitest';
import { runExperiment, type ExperimentConfig } from '../src/index.ts';
import { LOSSY_LINKS, RANDOM_NEMESIS, seeds, WORKLOAD } from './fixtures.ts';

const cpRun = (seed: number, unsafe = false): ExperimentConfig => ({
  seed, nodes: 5,
  register: { kind: 'cp', props: { unsafeSkipReadWriteBack: unsafe } },
  workload: WORKLOAD,
  nemesis: { generate: RANDOM_NEMESIS },
  linkRules: LOSSY_LINKS,
});

describe('the CP register (multi-writer ABD)', () => {
  it('stays linearizable across 50 seeds of a random nemesis with 20% loss, duplication and reordering', async () => {
    let okOps = 0;
    for (const seed of seeds(50)) {
      const result = await runExperiment(cpRun(seed));
      if (result.linearizability.verdict !== 'linearizable') {
        throw new Error(`seed ${seed}: ${result.linearizability.verdict}\n${result.linearizability.explanation}`);
      }
      okOps += result.summary.ok;
    }
    // The runs must do real work, or linearizability would be trivial.
    expect(okOps).toBeGreaterThan(50 * 200);
  }, 120_000);

  it('is caught by the checker when reads skip the write-back phase (the test can fail)', async () => {
    const caught: number[] = [];
    for (const seed of seeds(50)) {
      const result = await runExperiment(cpRun(seed, true));
      if (result.linearizability.verdict === 'not-linearizable') caught.push(seed);
      if (caught.length >= 1) break;
    }
    expect(caught.length).toBeGreaterThanOrEqual(1);
  }, 120_000);

  it('never answers on the minority side of a 3|2 partition: fails or ends unknown there', async () => {
    const result = await runExperiment({
      seed: 7, nodes: 5, register: { kind: 'cp' },
      workload: { durationMs: 4000, processes: 10 },
      nemesis: { schedule: [{ at: 1000, do: { kind: 'partition-groups', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] } }, { at: 3000, do: { kind: 'heal' } }] },
    });
    const minority = new Set(['n4', 'n5']);
    const during = (t: number) => t > 1100 && t < 2900;
    const okOnMinority = result.history.filter((e) =>
      e.type === 'ok' && during(e.time) && minority.has(result.nodeOfProcess.get(e.process) ?? ''));
    const refusedOnMinority = result.history.filter((e) =>
      (e.type === 'fail' || e.type === 'info') && during(e.time) && minority.has(result.nodeOfProcess.get(e.process) ?? ''));
    expect(okOnMinority).toEqual([]);
    expect(refusedOnMinority.length).toBeGreaterThan(5);
    expect(result.linearizability.verdict).toBe('linearizable');
  });

  it('replays a seed exactly: same history, same verdict', async () => {
    const a = await runExperiment(cpRun(11));
    const b = await runExperiment(cpRun(11));
    expect(b.history).toEqual(a.history);
  });
});
