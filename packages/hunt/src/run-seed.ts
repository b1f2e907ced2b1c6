import { createRng, errorText, installBuggify, type NodeId } from '@faultline/core';
import { checkHistory, modelByName } from '@faultline/checker';
import { Recorder } from '@faultline/history';
import { Simulation, TraceHash, traceLine } from '@faultline/runtime';
import { FaultNetwork, faultTarget, Nemesis, networkPresets } from '@faultline/transport';
import { SeededBuggify } from './buggify-source.ts';
import { drawSwarmMix, FAULT_FAMILIES, type FaultMix } from './fault-mix.ts';
import { planFaults, toSchedule, type FaultStep } from './fault-plan.ts';
import { ImpurityWatch, type ImpureCall } from './impurity.ts';
import type { ClientRun, Property, RunContext, Scenario, WorkloadBounds } from './scenario.ts';

/** How to run one seed of a scenario. Without `plan`, the plan is drawn from the mix (without `mix`, a swarm mix from the seed). */
export interface SeedOptions {
  readonly seed: number;
  readonly mix?: FaultMix;
  readonly plan?: readonly FaultStep[];
  readonly bounds?: WorkloadBounds;
  /** Turn `ctx.buggify` sites on (seeded). Default true. */
  readonly buggify?: boolean;
  /** Keep every message event as a line (for naming the first divergence). Default false. */
  readonly keepTrace?: boolean;
  /** Detect Math.random / Date.now / setTimeout … called from actor code. Default false. */
  readonly watchImpurity?: boolean;
}

/** A property a run broke, and why. */
export interface Failure {
  readonly property: string;
  readonly explanation: string;
}

/** What one run did and whether it kept every property. */
export interface SeedResult {
  readonly seed: number;
  readonly mix: FaultMix;
  readonly plan: readonly FaultStep[];
  readonly bounds: WorkloadBounds;
  /** Operations the clients started. */
  readonly operations: number;
  /** Fault steps that started before the workload ended (the others never ran). */
  readonly faultsRun: number;
  /** Virtual ms the workload took (fault steps at or after it never ran). */
  readonly workloadMs: number;
  readonly failure?: Failure;
  /** Hash of every message event: equal hashes, identical runs. */
  readonly traceHash: string;
  readonly trace?: readonly string[];
  readonly buggify: string;
  readonly impure: readonly ImpureCall[];
  readonly virtualMs: number;
}

/** Runs one seed of a scenario in a fresh simulator. The same options give the same result. */
export async function runSeed<S>(scenario: Scenario<S>, options: SeedOptions): Promise<SeedResult> {
  const { seed } = options;
  const root = createRng(seed);
  const bounds = options.bounds ?? scenario.bounds;
  const mix = options.mix ?? drawSwarmMix(root.derive('swarm'), scenario.families ?? FAULT_FAMILIES);
  const nodes = Array.from({ length: scenario.nodes }, (_, i) => `n${i + 1}` as NodeId);
  const plan = options.plan ?? planFaults(mix, nodes, bounds.durationMs, root.derive('faults'));
  const hash = new TraceHash();
  const trace: string[] | undefined = options.keepTrace ? [] : undefined;
  let failure: Failure | undefined;
  let state: S | undefined;
  const stepInvariants = scenario.properties.filter((p) => p.kind === 'invariant' && p.when === 'step');
  const net = new FaultNetwork({ nodes, ...networkPresets.lan });
  const sim: Simulation = new Simulation({
    seed, nodes, network: net.attach,
    onTrace: (event) => {
      const line = traceLine(event);
      hash.update(line);
      trace?.push(line);
      if (event.ev === 'deliver' && state !== undefined && failure === undefined) failure = checkInvariants(stepInvariants, state, run, `at ${+sim.now().toFixed(3)}ms`);
    },
  });
  const history = new Recorder(() => sim.now());
  const watch = options.watchImpurity ? new ImpurityWatch() : undefined;
  let operations = 0;
  const run: RunContext = {
    sim, seed, nodes, bounds, history, rng: root.derive('setup'),
    spawn: (node, name, definition, props) => sim.spawn(node, name, watch ? watch.wrap(definition) : definition, props),
    clients: async (op) => {
      const deadline = sim.now() + bounds.durationMs;
      const one = async (index: number) => {
        const client: ClientRun = { index, rng: root.derive(`client:${index}`), history: history.client() };
        while (operations < bounds.operations && sim.now() < deadline && failure === undefined) {
          operations++;
          await op(client);
        }
      };
      await Promise.all(Array.from({ length: bounds.clients }, (_, i) => one(i)));
    },
  };
  const buggify = options.buggify === false ? undefined : new SeededBuggify(seed);
  installBuggify(buggify);
  watch?.install();
  let workloadEnd = 0;
  try {
    state = await scenario.setup(run);
    const nemesis = new Nemesis(faultTarget(sim, net, (n, f) => sim.clockFault(n, f)), { seed: root.derive('nemesis').seed, schedule: toSchedule(plan) });
    const faults = nemesis.run((ms) => sim.sleep(ms));
    const started = sim.now();
    try {
      await scenario.workload(run, state);
    } catch (e) {
      failure ??= { property: 'workload', explanation: `the workload threw: ${errorText(e)}` };
    }
    workloadEnd = sim.now() - started;
    nemesis.stop();
    await faults;
    // A delay that ended can still hold frames queued behind its slowest one (FIFO links, like
    // TCP's head-of-line blocking): the faults are over only once those have arrived.
    const drained = net.arrivalHorizonMs() - sim.now();
    if (drained > 0 && failure === undefined) await sim.sleep(drained);
    failure ??= await settle(scenario, state, run);
  } finally {
    watch?.uninstall();
    installBuggify(undefined);
    await sim.shutdown();
  }
  return {
    seed, mix, plan, bounds, operations, faultsRun: plan.filter((s) => s.at < workloadEnd).length, workloadMs: workloadEnd,
    ...(failure ? { failure } : {}), traceHash: hash.digest(), ...(trace ? { trace } : {}),
    buggify: buggify?.describe() ?? 'buggify off', impure: watch?.calls ?? [], virtualMs: sim.now(),
  };
}

/** After the faults: liveness within its bound, then settle, then `end` invariants and history checks. */
async function settle<S>(scenario: Scenario<S>, state: S, run: RunContext): Promise<Failure | undefined> {
  const { sim } = run;
  for (const p of scenario.properties) {
    if (p.kind !== 'liveness') continue;
    const deadline = sim.now() + p.withinMs;
    for (;;) {
      const why = await p.check(state, run);
      if (why === undefined) break;
      if (sim.now() >= deadline) return { property: p.name, explanation: `not within ${p.withinMs}ms after the faults stopped: ${why}` };
      await sim.sleep(Math.min(100, deadline - sim.now()));
    }
  }
  await sim.sleep(scenario.settleMs ?? 2000);
  const invariants = checkInvariants(scenario.properties.filter((p) => p.kind === 'invariant'), state, run, 'at the end');
  if (invariants) return invariants;
  for (const p of scenario.properties) {
    if (p.kind !== 'history') continue;
    const result = checkHistory(modelByName(p.model), run.history.events, { timeoutMs: 10_000 });
    if (result.verdict === 'not-linearizable') return { property: p.name, explanation: result.explanation };
  }
  return undefined;
}

function checkInvariants<S>(props: readonly Property<S>[], state: S, run: RunContext, when: string): Failure | undefined {
  for (const p of props) {
    if (p.kind !== 'invariant') continue;
    const why = p.check(state, run);
    if (why !== undefined) return { property: p.name, explanation: `${when}: ${why}` };
  }
  return undefined;
}
