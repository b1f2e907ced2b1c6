import { createRng, type NodeId } from '@faultline/core';
import { checkHistory, registerModel, type CheckResult, type HistoryEvent } from '@faultline/checker';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, Nemesis, faultTarget, networkPresets, type CountersSnapshot, type NemesisLogEntry } from '@faultline/transport';
import { ApRegister } from '../ap/ap-register.ts';
import { checkConvergence, dumpReplicas, type AckedWrite, type ConvergenceReport } from '../ap/convergence.ts';
import { CpRegister } from '../cp/cp-register.ts';
import { REGISTER_ACTOR } from '../protocol.ts';
import { runWorkload, type WorkloadSummary } from '../workload/run-workload.ts';
import type { ExperimentConfig } from './experiment-config.ts';

/** Everything a run produced: the history and what the checkers made of it. */
export interface ExperimentResult {
  readonly seed: number;
  readonly history: readonly HistoryEvent[];
  readonly summary: WorkloadSummary;
  readonly nodeOfProcess: ReadonlyMap<number, NodeId>;
  readonly nemesisLog: readonly NemesisLogEntry[];
  readonly linearizability: CheckResult;
  /** AP runs only: did the replicas converge after heal, and which acknowledged writes were discarded. */
  readonly convergence?: ConvergenceReport;
  readonly network: CountersSnapshot;
  /** Virtual time the run took, ms. */
  readonly durationMs: number;
}

/**
 * Runs one experiment in the simulator: registers on every node, Jepsen-style clients from the
 * driver, a nemesis in parallel; then heal, settle, and judge the history. Same config and
 * seed, same result.
 */
export async function runExperiment(config: ExperimentConfig): Promise<ExperimentResult> {
  const net = new FaultNetwork({ nodes: config.nodes, ...networkPresets.lan });
  const sim = new Simulation({ seed: config.seed, nodes: config.nodes, network: net.attach, ...(config.clocks ? { clocks: config.clocks } : {}) });
  const rules = (config.linkRules ?? []).map((rule) => net.install(rule));
  for (const node of sim.nodes) {
    if (config.register.kind === 'cp') await sim.spawn(node, REGISTER_ACTOR, CpRegister, config.register.props ?? {});
    else await sim.spawn(node, REGISTER_ACTOR, ApRegister, config.register.props);
  }
  const rng = createRng(config.seed);
  const nemesis = config.nemesis
    ? new Nemesis(faultTarget(sim, net, (node, fault) => sim.clockFault(node, fault)), { seed: rng.derive('nemesis').seed, ...config.nemesis })
    : undefined;
  const [workload] = await Promise.all([
    runWorkload(sim, rng.derive('workload'), config.workload),
    nemesis?.run((ms) => sim.sleep(ms)),
  ]);
  // Quiescence: the network is whole again and every node runs, so replicas can catch up.
  for (const rule of rules) rule.remove();
  net.healAll();
  for (const node of sim.nodes) if (!sim.isUp(node)) await sim.restart(node);
  for (const node of sim.nodes) await sim.resume(node);
  await sim.sleep(config.settleMs ?? 2000);
  const history = workload.history.events;
  const linearizability = checkHistory(registerModel, history, { timeoutMs: 20_000 });
  let convergence: ConvergenceReport | undefined;
  if (config.register.kind === 'ap') {
    const acked: AckedWrite[] = workload.ackedWrites.map((w) => ({ key: w.key, value: w.value, context: (w.reply as { context: Record<string, number> }).context }));
    convergence = checkConvergence(await dumpReplicas(sim), acked);
  }
  const result: ExperimentResult = {
    seed: config.seed, history, summary: workload.summary, nodeOfProcess: workload.nodeOfProcess,
    nemesisLog: nemesis?.log ?? [], linearizability, network: net.counters.snapshot(), durationMs: sim.now(),
    ...(convergence ? { convergence } : {}),
  };
  await sim.shutdown();
  return result;
}
