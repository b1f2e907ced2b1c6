import { runExperiment, type ExperimentConfig } from '@faultline/registers';
const t0 = performance.now();
const story = (register: ExperimentConfig['register']): ExperimentConfig => ({
  seed: 7, nodes: 5, register,
  workload: { durationMs: 3000, processes: 10, keys: ['x'], timeoutMs: 1000 },
  nemesis: { schedule: [
    { at: 1000, do: { kind: 'partition-groups', groups: [['n1', 'n2', 'n3'], ['n4', 'n5']] } },
    { at: 2000, do: { kind: 'heal' } },
  ] },
});
const cp = await runExperiment(story({ kind: 'cp' }));
console.log(cp.summary, cp.linearizability.verdict, cp.nemesisLog.map(e=>e.text), cp.messagesPerOp, cp.durationMs, cp.checkMs);
const ap = await runExperiment(story({ kind: 'ap', props: { policy: 'lww-hlc' } }));
console.log(ap.summary, ap.linearizability.verdict, ap.convergence);
console.log(cp.history.slice(0, 4));
console.log('wall', performance.now() - t0);
const cpm = await runExperiment({...story({ kind: 'cp' }), membership: 'sim-fast'});
console.log(cpm.summary, cpm.linearizability.verdict);
