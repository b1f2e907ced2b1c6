import type { NodeId, Rng } from '@faultline/core';
import type { Simulation } from '@faultline/runtime';
import type { FaultNetwork } from '@faultline/transport';
import { statuses } from './cluster-status.ts';
import type { ChaosLogEntry } from './chaos.ts';

/** How the Figure 8 nemesis runs. */
export interface Figure8NemesisOptions {
  readonly untilMs: number;
  /** The Raft actor's name, asked for each node's role. */
  readonly actor: string;
  /** Chance per round of disconnecting the leader. Default 0.1. */
  readonly disconnectChance?: number;
  /** Chance per round that a leader left connected reaches one follower only until the next round. Default 0.3. */
  readonly cutChance?: number;
}

/**
 * The schedule of MIT 6.5840's `TestFigure8Unreliable3C` (the test that finds Figure 8 bugs), on
 * simulated time: in a loop it sleeps a little (0–13 ms nine times in ten, else up to 75 ms), then
 * disconnects the current leader now and then (it keeps running, and keeps its clients' requests
 * waiting, the way Figure 8's S1 does), and reconnects a random disconnected node whenever fewer
 * than a majority are connected. In place of the test's unreliable network, a leader left
 * connected reaches only one follower in some rounds, so what it writes stays on a minority.
 * Leaders of many terms come and go with partly copied logs: the schedule Figure 8 needs.
 * Seeded: the same seed, the same faults.
 */
export async function runFigure8Nemesis(sim: Simulation, net: FaultNetwork, rng: Rng, options: Figure8NemesisOptions): Promise<ChaosLogEntry[]> {
  const log: ChaosLogEntry[] = [];
  const start = sim.now();
  const note = (what: string) => log.push({ at: sim.now() - start, what });
  const nodes = sim.nodes as readonly NodeId[];
  const majority = Math.floor(nodes.length / 2) + 1;
  const disconnected = new Set<NodeId>();
  while (sim.now() - start < options.untilMs) {
    await sim.sleep(rng.chance(0.9) ? rng.next() * 13 : rng.next() * 75);
    const leader = (await statuses(sim, options.actor, 20))
      .filter((s) => s.role === 'leader' && !disconnected.has(s.self))
      .sort((a, b) => b.term - a.term)[0];
    net.healAll();
    if (leader !== undefined && rng.chance(options.disconnectChance ?? 0.1)) {
      disconnected.add(leader.self);
      note(`disconnect leader ${leader.self} (term ${leader.term})`);
    }
    if (nodes.length - disconnected.size < majority) {
      const node = rng.pick([...disconnected]);
      disconnected.delete(node);
      note(`reconnect ${node}`);
    }
    for (const node of disconnected) net.isolate(node);
    if (leader !== undefined && !disconnected.has(leader.self) && rng.chance(options.cutChance ?? 0.3)) {
      const others = nodes.filter((n) => n !== leader.self && !disconnected.has(n));
      const keep = rng.pick(others);
      net.partitionOneWay([leader.self], others.filter((n) => n !== keep));
    }
  }
  net.healAll();
  note('heal');
  return log;
}
