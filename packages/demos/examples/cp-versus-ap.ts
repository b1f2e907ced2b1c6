// example: cp-versus-ap
import assert from 'node:assert/strict';
import { runExperiment, type ExperimentConfig, type RegisterChoice } from '@faultline/registers';

/** Five replicas, ten clients on one key for 3 s; a 3|2 partition from 1 s to 2 s. */
const story = (register: RegisterChoice): ExperimentConfig => ({
  seed: 7,
  nodes: 5,
  register,
  workload: { durationMs: 3000, processes: 10, keys: ['x'], timeoutMs: 1000 },
  nemesis: {
    schedule: [
      { at: 1000, do: { kind: 'partition-groups', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] } },
      { at: 2000, do: { kind: 'heal' } },
    ],
  },
});

export default async function main(): Promise<void> {
  const cp = await runExperiment(story({ kind: 'cp' }));
  assert.equal(cp.linearizability.verdict, 'linearizable');
  const minority = new Set(['n4', 'n5']);
  const duringSplit = (time: number) => time > 1100 && time < 2000;
  const okOnMinority = cp.history.filter((e) =>
    e.type === 'ok' && duringSplit(e.time) && minority.has(cp.nodeOfProcess.get(e.process) ?? ''));
  assert.deepEqual(okOnMinority, []); // the minority side answered nothing while cut off
  assert.ok(cp.summary.fail > 0); // it said "no" instead (definite failures)

  const ap = await runExperiment(story({ kind: 'ap', props: { policy: 'lww-hlc' } }));
  assert.equal(ap.summary.fail + ap.summary.info, 0); // always available...
  assert.equal(ap.linearizability.verdict, 'not-linearizable'); // ...never linearizable across a split
  assert.equal(ap.convergence?.converged, true); // the replicas agree after the heal
  assert.ok((ap.convergence?.discarded.length ?? 0) > 0); // but acknowledged writes were dropped

  // The same config and seed give the same history, operation for operation.
  assert.deepEqual((await runExperiment(story({ kind: 'cp' }))).history, cp.history);
}
