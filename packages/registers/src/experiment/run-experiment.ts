import { createRng, type ActorDefinition, type ClockFault, type NodeId } from '@faultline/core';
import { checkHistory, registerModel, type CheckResult, type HistoryEvent } from '@faultline/checker';
import { diffMessageStats, messagesBetweenNodes, Simulation, type Cluster, type MessageStats } from '@faultline/runtime';
import { FaultNetwork, Nemesis, faultTarget, networkPresets, type CountersSnapshot, type NemesisLogEntry } from '@faultline/transport';
import { ApRegister } from '../ap/ap-register.ts';
import { checkConvergence, dumpReplicas, type AckedWrite, type ConvergenceReport } from '../ap/convergence.ts';
import { CpRegister } from '../cp/cp-register.ts';
import { REGISTER_ACTOR } from '../protocol.ts';
import { Membership, MEMBERSHIP_ACTOR, membershipProps } from '@faultline/membership';
import { runWorkload, type WorkloadSummary } from '../workload/run-workload.ts';
import type { ExperimentConfig } from './experiment-config.ts';

/** Everything a run produced: the history and what the checkers made of it. */
export interface ExperimentResult {
  readonly seed: number;
  readonly history: readonly HistoryEvent[];
  readonly summary: WorkloadSummary;
  readonly nodeOfProcess: ReadonlyMap<number, NodeId>;
  /** The cluster's true time at the history's time 0: add it to a history time to put it on the cluster's clock. */
  readonly historyStartMs: number;
  readonly nemesisLog: readonly NemesisLogEntry[];
  readonly linearizability: CheckResult;
  /** AP runs only: did the replicas converge after heal, and which acknowledged writes were discarded. */
  readonly convergence?: ConvergenceReport;
  /** The controller's fault-network counters (faults by kind); on workers the nodes' mirrors count, so these stay 0 there. */
  readonly network: CountersSnapshot;
  /** Messages per node and per link while the clients ran, counted by the runtime (both runtimes). */
  readonly messages: MessageStats;
  /** Messages sent between nodes (driver included) per completed client operation, while the clients ran. */
  readonly messagesPerOp: number;
  /** Runtime time from the experiment's start (before spawning replicas) to the end of the settle phase, ms. */
  readonly durationMs: number;
}

/** A running cluster and the controller of its network: what an experiment acts on. */
export interface ExperimentHarness {
  readonly cluster: Cluster;
  readonly net: FaultNetwork;
  readonly clockFault?: (node: NodeId, fault: ClockFault) => Promise<void>;
}

/** Builds a simulated cluster for an experiment (the harness the tests use). */
export function simulationHarness(config: Pick<ExperimentConfig, 'seed' | 'nodes' | 'clocks'>): ExperimentHarness {
  const net = new FaultNetwork({ nodes: config.nodes, ...networkPresets.lan });
  const sim = new Simulation({ seed: config.seed, nodes: config.nodes, network: net.attach, ...(config.clocks ? { clocks: config.clocks } : {}) });
  return { cluster: sim, net, clockFault: (node, fault) => sim.clockFault(node, fault) };
}

/** Runs one experiment in the simulator and shuts it down. Same config and seed, same result. */
export async function runExperiment(config: ExperimentConfig): Promise<ExperimentResult> {
  const harness = simulationHarness(config);
  try {
    return await runExperimentOn(harness, config);
  } finally {
    await harness.cluster.shutdown();
  }
}

/**
 * One Jepsen-style experiment on a running cluster: registers on every node, clients from the
 * driver, a nemesis in parallel; then heal, settle, and judge the history.
 */
export async function runExperimentOn(harness: ExperimentHarness, config: ExperimentConfig): Promise<ExperimentResult> {
  const { cluster, net } = harness;
  const start = cluster.now();
  const rules = (config.linkRules ?? []).map((rule) => net.install(rule));
  const actor = config.actorName ?? REGISTER_ACTOR;
  const gate = config.membership ? { quorumGate: { actor: MEMBERSHIP_ACTOR } } : {};
  for (const node of cluster.nodes) {
    if (config.membership && !(await hasActor(cluster, node, MEMBERSHIP_ACTOR))) {
      await cluster.spawn(node, MEMBERSHIP_ACTOR, Membership, membershipProps({ config: { preset: config.membership } }));
    }
    if (config.register.kind === 'cp') await cluster.spawn(node, actor, CpRegister, { ...gate, ...config.register.props });
    else if (config.register.kind === 'ap') await cluster.spawn(node, actor, ApRegister, config.register.props);
    else await cluster.spawn(node, actor, config.register.actor as ActorDefinition<unknown, unknown>, config.register.props);
  }
  const rng = createRng(config.seed);
  const messagesBefore = await cluster.messageStats();
  const nemesis = config.nemesis
    ? new Nemesis(faultTarget(cluster, net, harness.clockFault), { seed: rng.derive('nemesis').seed, ...config.nemesis })
    : undefined;
  const [workload] = await Promise.all([
    runWorkload(cluster, rng.derive('workload'), { ...config.workload, actorName: actor }),
    nemesis?.run((ms) => cluster.sleep(ms)),
  ]);
  // Counted by the runtime in both: on workers each node counts its own sends, and the controller's `net` routes nothing.
  const messages = diffMessageStats(messagesBefore, await cluster.messageStats());
  const messagesDuring = messagesBetweenNodes(messages);
  const completed = workload.summary.ok + workload.summary.fail + workload.summary.info;
  // Quiescence: the network is whole again and every node runs, so replicas can catch up.
  for (const rule of rules) rule.remove();
  net.healAll();
  for (const node of cluster.nodes) if (!cluster.isUp(node)) await cluster.restart(node);
  for (const node of cluster.nodes) await cluster.resume(node);
  await cluster.sleep(config.settleMs ?? 2000);
  const history = workload.history.events;
  const linearizability = checkHistory(registerModel, history, { timeoutMs: 20_000 });
  let convergence: ConvergenceReport | undefined;
  if (config.register.kind === 'ap') {
    const acked: AckedWrite[] = workload.ackedWrites.map((w) => ({ key: w.key, value: w.value, context: (w.reply as { context: Record<string, number> }).context }));
    convergence = checkConvergence(await dumpReplicas(cluster, actor), acked);
  }
  return {
    seed: config.seed, history, summary: workload.summary, nodeOfProcess: workload.nodeOfProcess, historyStartMs: workload.origin,
    nemesisLog: nemesis?.log ?? [], linearizability, network: net.counters.snapshot(), messages, messagesPerOp: completed === 0 ? 0 : messagesDuring / completed, durationMs: cluster.now() - start,
    ...(convergence ? { convergence } : {}),
  };
}

async function hasActor(cluster: Cluster, node: NodeId, name: string): Promise<boolean> {
  const snapshot = await cluster.snapshot(node);
  return snapshot.actors.some((a) => a.name === name);
}
