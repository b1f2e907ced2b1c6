import { performance } from 'node:perf_hooks';
import { createRng, type NodeId } from '@faultline/core';
import { crashDetectionBoundMs, MEMBERSHIP_PRESETS, MembershipObserver, type MembershipEvent } from '@faultline/membership';
import { Simulation } from '@faultline/runtime';
import { fault, FaultNetwork, select } from '@faultline/transport';
import type { BenchResult } from './result.ts';

// Membership (SWIM + Lifeguard, `lan` preset) in the simulator, under random loss on every link:
// how fast a crash is detected, and how often live members are suspected or downed by mistake.

/** One measured configuration: cluster size, loss, how many seeds, crash samples per seed. */
interface Plan {
  readonly n: number;
  readonly loss: number;
  readonly seeds: number;
  readonly crashes: number;
}

// About 30 s on two cores: 5.6 cluster-hours of virtual time (see the README of @faultline/membership).
const PLANS: readonly Plan[] = [
  { n: 5, loss: 0.1, seeds: 10, crashes: 10 },
  { n: 5, loss: 0.3, seeds: 10, crashes: 10 },
  { n: 25, loss: 0.1, seeds: 3, crashes: 20 },
  { n: 25, loss: 0.3, seeds: 3, crashes: 20 },
];
const QUIET_MS = 10 * 60_000; // the crash-free window in which every suspicion and down is false
const preset = MEMBERSHIP_PRESETS.lan;

interface Measured {
  /** Crash → every live member holds it down, virtual ms, one per sample (censored samples at 3× the bound). */
  readonly detectAll: number[];
  readonly missed: number;
  /** Distinct (member, incarnation) suspicions of live members; observer-level down events of live members. */
  falseSuspicions: number;
  falseDowns: number;
  readonly nodeHours: number;
  virtualMs: number;
}

async function runSeed(plan: Plan, seed: number, into: Measured): Promise<void> {
  const net = new FaultNetwork({ nodes: plan.n });
  const sim = new Simulation({ seed, nodes: plan.n, network: net.attach });
  const obs = await MembershipObserver.start(sim, { props: { config: { preset: 'lan' } } });
  await sim.sleep(5000);
  net.install({ target: select.all(), fault: fault.drop(plan.loss), label: 'random loss' });
  const quietFrom = sim.now();
  await sim.sleep(QUIET_MS);
  const quiet = obs.log.filter((e) => e.at >= quietFrom);
  into.falseSuspicions += new Set(quiet.filter((e) => e.type === 'member-suspect' || e.type === 'member-unreachable').map(episode)).size;
  into.falseDowns += quiet.filter((e) => e.type === 'member-down').length;

  const rng = createRng(seed).derive('crashes');
  const bound = crashDetectionBoundMs(preset, plan.n);
  for (let i = 0; i < plan.crashes; i++) {
    const victim = rng.pick(sim.nodes);
    const live = sim.nodes.filter((x) => x !== victim);
    await sim.crash(victim);
    const crashedAt = sim.now();
    const seenDown = () => live.filter((o) => obs.log.some((e) => e.type === 'member-down' && e.observer === o && about(e, victim) && e.at >= crashedAt));
    while (seenDown().length < live.length && sim.now() - crashedAt < 3 * bound) await sim.sleep(500);
    const downs = obs.log.filter((e) => e.type === 'member-down' && about(e, victim) && e.at >= crashedAt && live.includes(e.observer));
    if (seenDown().length < live.length) {
      into.detectAll.push(3 * bound);
      (into as { missed: number }).missed++;
    } else {
      into.detectAll.push(Math.max(...live.map((o) => Math.min(...downs.filter((e) => e.observer === o).map((e) => e.at)))) - crashedAt);
    }
    await sim.restart(victim);
    const restartedAt = sim.now();
    const backUp = () => live.every((o) => lastStatus(obs.log, o, victim, restartedAt) === 'alive');
    while (!backUp() && sim.now() - restartedAt < 60_000) await sim.sleep(500);
  }
  into.virtualMs += sim.now();
  await sim.shutdown();
}

function episode(e: MembershipEvent): string {
  return 'node' in e ? `${e.node}@${e.incarnation}` : '';
}

function about(e: MembershipEvent, node: NodeId): boolean {
  return 'node' in e && e.node === node;
}

function lastStatus(log: readonly MembershipEvent[], observer: NodeId, node: NodeId, since: number): string | undefined {
  for (let i = log.length - 1; i >= 0; i--) {
    const e = log[i];
    if (e && e.at < since) return undefined;
    if (e && e.observer === observer && 'node' in e && e.node === node) return e.status;
  }
  return undefined;
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * `membership-*`: crash detection time (p50, p99; baseline: the preset's bound, crashDetectionBoundMs)
 * and false suspicions / false downs per node-hour of crash-free running (baseline: 0, so the ratio
 * is the figure itself), for 5 and 25 nodes under 10% and 30% random loss, in virtual time.
 */
export async function membershipBenches(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const wallStart = performance.now();
  let virtualMs = 0;
  for (const plan of PLANS) {
    const m: Measured = { detectAll: [], missed: 0, falseSuspicions: 0, falseDowns: 0, nodeHours: (plan.n * plan.seeds * QUIET_MS) / 3_600_000, virtualMs: 0 };
    for (let s = 0; s < plan.seeds; s++) await runSeed(plan, 1000 + s, m);
    virtualMs += m.virtualMs;
    const tag = `n=${plan.n},loss=${plan.loss * 100}%`;
    const bound = crashDetectionBoundMs(preset, plan.n) / 1000;
    const boundName = `lan bound: 2n probes + max suspicion (${bound.toFixed(1)} s); ${m.detectAll.length} crashes, ${m.missed} missed`;
    for (const p of [50, 99]) {
      const value = percentile(m.detectAll, p) / 1000;
      results.push({
        name: `membership-detect-p${p}[${tag}]`, value, unit: 's (virtual)', baseline: bound, baselineName: boundName, ratio: value / bound,
        // The bound assumes healthy local health scores; at 30% loss Lifeguard stretches probing (up to 9×), so no target there.
        ...(p === 99 && plan.loss <= 0.1 ? { target: 'crash detected within the preset bound (ratio <= 1)', met: value <= bound } : {}),
      });
    }
    const perHour = (x: number) => x / m.nodeHours;
    results.push({
      name: `membership-false-suspicions[${tag}]`, value: perHour(m.falseSuspicions), unit: '/node-hour', baseline: 0,
      baselineName: `none (${m.falseSuspicions} in ${m.nodeHours.toFixed(1)} node-hours)`, ratio: perHour(m.falseSuspicions),
    });
    results.push({
      name: `membership-false-downs[${tag}]`, value: perHour(m.falseDowns), unit: '/node-hour', baseline: 0,
      baselineName: `none (${m.falseDowns} observer-level downs in ${m.nodeHours.toFixed(1)} node-hours)`, ratio: perHour(m.falseDowns),
      ...(plan.loss <= 0.1 ? { target: 'no live member ever downed at 10% loss', met: m.falseDowns === 0 } : {}),
    });
  }
  const wallS = (performance.now() - wallStart) / 1000;
  process.stdout.write(`membership: ${(virtualMs / 3_600_000).toFixed(1)} virtual cluster-hours in ${wallS.toFixed(1)} s wall\n`);
  return results;
}
