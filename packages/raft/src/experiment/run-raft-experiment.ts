import { address, createRng, type ClockConfig, type DiskModelConfig, type NodeId } from '@faultline/core';
import { casRegisterModel, checkHistory, type CheckResult, type HistoryEvent } from '@faultline/checker';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, Nemesis, fault, faultTarget, networkPresets, select, type GeneratorOptions, type NemesisLogEntry, type NemesisStep } from '@faultline/transport';
import { RaftKv, type CommittedEntry, type RaftKvProps, type RaftKvStatus } from '../kv/raft-kv.ts';
import { unavailability } from './availability.ts';
import { runChaos, type ChaosLogEntry } from './chaos.ts';
import { currentLeader } from './cluster-status.ts';
import { LeadersPerTerm } from './leaders-per-term.ts';
import { DEFAULT_MEMBERSHIP_PLAN, runMembershipDriver, type MembershipLogEntry, type MembershipPlan } from './membership-driver.ts';
import { runMembershipNemesis } from './membership-nemesis.ts';
import { runFigure8Nemesis } from './figure8-nemesis.ts';
import { runRaftWorkload, type RaftWorkloadConfig } from './raft-workload.ts';

/** One Jepsen-style run of the Raft KV in the simulator. */
export interface RaftExperimentConfig {
  readonly seed: number;
  readonly nodes?: number;
  readonly kv?: RaftKvProps;
  readonly workload?: Partial<RaftWorkloadConfig>;
  /** A written schedule or a generator; default the generator over every fault family for the workload's duration. */
  /** `membership`: the targeted membership nemesis (`membership-nemesis.ts`), which also makes the changes, after `membership` (default plan without it). */
  readonly nemesis?: { readonly schedule?: readonly NemesisStep[]; readonly generate?: GeneratorOptions } | 'none' | 'chaos' | 'chaos-leaders' | 'chaos-transfers' | 'figure8' | 'membership';
  /** The disk model; default `random-prefix` (unsynced writes partly lost, the next torn), so sync-before-send is tested. */
  readonly disk?: DiskModelConfig | 'off';
  readonly clocks?: Readonly<Record<string, ClockConfig>>;
  /** After the workload: heal, restart, resume, and wait this long before reading final state. Default 3000. */
  readonly settleMs?: number;
  /** Change the membership during the workload (thesis §4.1): the first `initialVoters` nodes start as voters, the others join as they are added. */
  readonly membership?: MembershipPlan;
  /** Lose this share of every message on every link during the workload (a drop rule, removed before settling). Default 0. */
  readonly loss?: number;
  /** Check Election Safety on every message sent (`leaders-per-term.ts`); on by default with `membership`. */
  readonly checkLeaders?: boolean;
}

/** What a run produced and every verdict on it. */
export interface RaftExperimentResult {
  readonly seed: number;
  readonly history: readonly HistoryEvent[];
  readonly linearizability: CheckResult;
  /** Acknowledged writes and cas missing from the final committed log. */
  readonly lostWrites: readonly string[];
  /** Nodes whose committed logs disagree with the longest one (State Machine Safety, §5.4.3). */
  readonly divergent: readonly string[];
  /** What the nodes' own invariant checks saw (a committed entry overwritten). */
  readonly invariantViolations: readonly string[];
  readonly elections: number;
  /** InstallSnapshots taken by the nodes' last incarnations (log compaction, when on). */
  readonly snapshotsInstalled: number;
  readonly summary: { readonly ok: number; readonly fail: number; readonly info: number };
  /** Time in the workload's window with no operation succeeding for over 100 ms, summed, and the longest such stretch (ms). */
  readonly unavailableMs: number;
  readonly longestOutageMs: number;
  /** Two leaders in one term, when checked (`checkLeaders`); empty otherwise. */
  readonly leaderConflicts: readonly string[];
  /** Terms in which a leader sent something, when checked. */
  readonly leaderTerms: number;
  /** The changes asked for and their outcomes, with `membership`. */
  readonly membershipLog: readonly MembershipLogEntry[];
  /** The voters of the final leader's configuration (all nodes without `membership`; empty if no leader at the end). */
  readonly finalVoters: readonly string[];
  readonly nemesisLog: readonly NemesisLogEntry[];
  /** What the chaos or Figure 8 nemesis did, when it ran. */
  readonly chaosLog: readonly ChaosLogEntry[];
  /** True when every verdict is clean. */
  readonly safe: boolean;
}

/** The KV's actor name in experiments. */
export const KV_ACTOR = 'kv';

/**
 * Runs the Raft KV under clients and a nemesis (and, with `membership`, servers added and removed),
 * heals, and judges: cas-register linearizability, no acknowledged write lost, logs agree, and when
 * checked at most one leader per term.
 */
export async function runRaftExperiment(config: RaftExperimentConfig): Promise<RaftExperimentResult> {
  const nodes = config.nodes ?? 5;
  const net = new FaultNetwork({ nodes, ...networkPresets.lan });
  const disk = config.disk === 'off' ? undefined : config.disk ?? { onCrash: 'random-prefix' };
  const targeted = config.nemesis === 'membership';
  const plan = config.membership ?? (targeted ? DEFAULT_MEMBERSHIP_PLAN : undefined);
  const leaders = (config.checkLeaders ?? plan !== undefined) ? new LeadersPerTerm() : undefined;
  const sim = new Simulation({
    seed: config.seed, nodes, network: net.attach, ...(disk ? { disk } : {}), ...(config.clocks ? { clocks: config.clocks } : {}),
    ...(leaders ? { onTrace: (event, envelope) => leaders.observe(event.ev, event.t, envelope) } : {}),
  });
  try {
    const initial = plan === undefined ? undefined : sim.nodes.slice(0, plan.initialVoters);
    for (const node of sim.nodes) {
      const props: RaftKvProps = initial === undefined ? config.kv ?? {} : { ...config.kv, voters: initial, joining: !initial.includes(node) };
      await sim.spawn(node, KV_ACTOR, RaftKv, props);
    }
    await sim.sleep(1000); // a first leader
    const rng = createRng(config.seed);
    const durationMs = config.workload?.durationMs ?? 8_000;
    const nemesisConfig = typeof config.nemesis === 'string' ? undefined : config.nemesis ?? { generate: { untilMs: durationMs } };
    const nemesis = nemesisConfig
      ? new Nemesis(faultTarget(sim, net, (node, fault) => sim.clockFault(node, fault)), { seed: rng.derive('nemesis').seed, ...nemesisConfig })
      : undefined;
    const chaosLog: ChaosLogEntry[] = [];
    const loss = config.loss ? net.install({ target: select.all(), fault: fault.drop(config.loss), label: 'random loss' }) : undefined;
    const membershipLog: MembershipLogEntry[] = [];
    const [workload] = await Promise.all([
      runRaftWorkload(sim, rng.derive('workload'), { ...config.workload, actorName: KV_ACTOR }),
      nemesis?.run((ms) => sim.sleep(ms)),
      config.nemesis === 'chaos' || config.nemesis === 'chaos-leaders' || config.nemesis === 'chaos-transfers'
        ? runChaos(sim, net, rng.derive('chaos'), {
          untilMs: durationMs,
          ...(config.nemesis === 'chaos-leaders' ? { leaderActor: KV_ACTOR, gapMs: [20, 150] as const } : {}),
          ...(config.nemesis === 'chaos-transfers' ? { transferActor: KV_ACTOR } : {}),
        }).then((log) => chaosLog.push(...log))
        : undefined,
      plan !== undefined && !targeted ? runMembershipDriver(sim, rng.derive('membership'), KV_ACTOR, plan, durationMs).then((log) => membershipLog.push(...log)) : undefined,
      plan !== undefined && targeted ? runMembershipNemesis(sim, net, rng.derive('membership'), KV_ACTOR, plan, { untilMs: durationMs }).then((r) => { membershipLog.push(...r.changes); chaosLog.push(...r.faults); }) : undefined,
      config.nemesis === 'figure8' ? runFigure8Nemesis(sim, net, rng.derive('figure8'), { untilMs: durationMs, actor: KV_ACTOR }).then((log) => chaosLog.push(...log)) : undefined,
    ]);
    net.healAll();
    loss?.remove();
    for (const node of sim.nodes) if (!sim.isUp(node)) await sim.restart(node);
    for (const node of sim.nodes) await sim.resume(node);
    await sim.sleep(config.settleMs ?? 3000);
    const finalLeader = await currentLeader(sim, KV_ACTOR);
    const finalVoters: readonly string[] = plan === undefined ? sim.nodes : finalLeader?.voters ?? [];
    const logs = new Map<NodeId, readonly CommittedEntry[]>();
    let elections = 0;
    let snapshotsInstalled = 0;
    const invariantViolations: string[] = [];
    for (const node of sim.nodes) {
      const log = await sim.ask<CommittedEntry[]>(address(node, KV_ACTOR), { type: 'raft-committed' }, { timeoutMs: 1000 });
      if (log.status === 'ok') logs.set(node, log.value);
      const status = await sim.ask<RaftKvStatus>(address(node, KV_ACTOR), { type: 'raft-status' }, { timeoutMs: 1000 });
      if (status.status === 'ok') {
        elections += status.value.elections;
        snapshotsInstalled += status.value.snapshotsInstalled;
        invariantViolations.push(...status.value.invariantViolations.map((v) => `${node}: ${v}`));
      }
    }
    // Logs are compared index by index (a compacted prefix is listed with index 0: ids only, from the snapshot).
    const lastOf = (log: readonly CommittedEntry[]) => log.at(-1)?.index ?? 0;
    const longest = [...logs.values()].reduce<readonly CommittedEntry[]>((a, b) => (lastOf(b) > lastOf(a) ? b : a), []);
    const reference = new Map(longest.filter((e) => e.index > 0).map((e) => [e.index, e]));
    const divergent = [...logs].filter(([, log]) => log.some((e) => { const r = reference.get(e.index); return r !== undefined && (r.term !== e.term || r.id !== e.id); })).map(([n]) => n);
    // An acknowledged write must be in the final configuration's committed logs (any node's, without a leader at the end).
    const judged = [...logs].filter(([n]) => finalVoters.length === 0 || finalVoters.includes(n)).map(([, log]) => log);
    const committedIds = new Set(judged.flatMap((log) => log.map((e) => e.id)));
    const lostWrites = workload.ackedIds.filter((id) => !committedIds.has(id));
    const history = workload.history.events;
    const linearizability = checkHistory(casRegisterModel, history, { timeoutMs: 20_000 });
    const leaderConflicts = leaders?.violations ?? [];
    const safe = linearizability.verdict === 'linearizable' && lostWrites.length === 0 && divergent.length === 0 && invariantViolations.length === 0 && leaderConflicts.length === 0;
    const outage = unavailability(history, 0, durationMs);
    return {
      seed: config.seed, history, linearizability, lostWrites, divergent, invariantViolations, elections, snapshotsInstalled, summary: workload.summary,
      unavailableMs: outage.totalMs, longestOutageMs: outage.longestMs, leaderConflicts, leaderTerms: leaders?.terms ?? 0, membershipLog, finalVoters,
      nemesisLog: nemesis?.log ?? [], chaosLog, safe,
    };
  } finally {
    await sim.shutdown();
  }
}
