import { address, type NodeId, type Rng } from '@faultline/core';
import type { Simulation } from '@faultline/runtime';
import type { FaultNetwork } from '@faultline/transport';
import { currentLeader } from './cluster-status.ts';

/** One thing the chaos nemesis did, at the cluster's time. */
export interface ChaosLogEntry {
  readonly at: number;
  readonly what: string;
}

/** How hard the chaos nemesis hits. */
export interface ChaosOptions {
  readonly untilMs: number;
  /** Gap between faults, drawn uniformly from [min, max] ms. Default 50–400: faster than elections, so faults overlap them. */
  readonly gapMs?: readonly [number, number];
  /** Largest clock bump, ms (both ways). Default 300. */
  readonly clockMaxMs?: number;
  /** Aim half the faults at the current leader (asked through this actor name), as Jepsen's leader-targeting nemeses do. */
  readonly leaderActor?: string;
  /** Also ask the current leader (through this actor name) to hand leadership to a random node, in place of some heals. */
  readonly transferActor?: string;
}

/**
 * A nemesis whose faults overlap, unlike the transport's generator (which undoes each fault before
 * the next): at random gaps it isolates a node, cuts a random one-way link set, kills a node and
 * restarts it later, pauses one, bumps a clock, or heals everything (or, with `transferActor`, asks the
 * leader to hand over to a random node). The leader changes several
 * times a second, the churn Figure 8 and deposed-leader reads need. Seeded: the same seed, the same faults.
 */
export async function runChaos(sim: Simulation, net: FaultNetwork, rng: Rng, options: ChaosOptions): Promise<ChaosLogEntry[]> {
  const log: ChaosLogEntry[] = [];
  const [gapMin, gapMax] = options.gapMs ?? [50, 400];
  const clockMax = options.clockMaxMs ?? 300;
  const start = sim.now();
  const nodes = sim.nodes;
  const note = (what: string) => log.push({ at: sim.now() - start, what });
  const later: Promise<void>[] = [];
  const pick = (): NodeId => rng.pick(nodes) as NodeId;
  while (sim.now() - start < options.untilMs) {
    await sim.sleep(gapMin + rng.next() * (gapMax - gapMin));
    const roll = rng.next();
    let node = pick();
    if (options.leaderActor !== undefined && rng.chance(0.5)) node = (await currentLeader(sim, options.leaderActor))?.self ?? node;
    if (roll < 0.3) {
      net.isolate(node);
      note(`isolate ${node}`);
    } else if (roll < 0.42) {
      const other = pick();
      if (other !== node) { net.partitionOneWay([node], [other]); note(`one-way ${node} -> ${other}`); }
    } else if (roll < 0.57) {
      if (sim.isUp(node)) {
        await sim.crash(node);
        note(`kill ${node}`);
        const wait = 100 + rng.next() * 700;
        later.push(sim.sleep(wait).then(async () => { if (!sim.isUp(node)) { await sim.restart(node); note(`restart ${node}`); } }));
      }
    } else if (roll < 0.67) {
      await sim.pause(node);
      note(`pause ${node}`);
      const wait = 50 + rng.next() * 400;
      later.push(sim.sleep(wait).then(async () => { await sim.resume(node); note(`resume ${node}`); }));
    } else if (roll < 0.77) {
      const delta = Math.round((rng.next() * 2 - 1) * clockMax);
      await sim.clockFault(node, { kind: 'bump', deltaMs: delta });
      note(`clock ${node} ${delta >= 0 ? '+' : ''}${delta} ms`);
    } else if (options.transferActor !== undefined && roll < 0.87) {
      const leader = await currentLeader(sim, options.transferActor);
      const to = pick();
      if (leader !== undefined && to !== leader.self) {
        await sim.ask(address(leader.self, options.transferActor), { type: 'raft-transfer', to }, { timeoutMs: 50 });
        note(`transfer ${leader.self} -> ${to}`);
      }
    } else {
      net.healAll();
      note('heal');
    }
  }
  await Promise.all(later);
  net.healAll();
  note('heal');
  return log;
}
