import { checkHistory, registerModel } from '@faultline/checker';
import { address, createRng, defineActor } from '@faultline/core';
import { Recorder } from '@faultline/history';
import type { RunRecorder } from '@faultline/report';
import { Simulation } from '@faultline/runtime';
import { Nemesis, networkPresets } from '@faultline/transport';
import { functionExport, type Exercise } from '../exercise.ts';
import { recordRun, verdictOf } from './record-run.ts';

/** A write's timestamp: compared by t, then c, then node (last-writer-wins keeps the largest). */
export interface Stamp {
  readonly t: number;
  readonly c: number;
  readonly node: string;
}

/** One node's clock as the solution builds it: stamps local writes, and learns from received stamps. */
export interface WriteClock {
  /** The stamp of a write made here now; `physicalMs` is ctx.now(), this node's (skewed) clock. */
  stamp(physicalMs: number): Stamp;
  /** A replicated write arrived carrying `remote`. */
  observe(remote: Stamp, physicalMs: number): void;
}

/** Total order of stamps: negative when `a` is older. */
export function compareStamps(a: Stamp, b: Stamp): number {
  return a.t - b.t || a.c - b.c || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);
}

type ReplicaMessage =
  | { readonly type: 'write'; readonly value: number }
  | { readonly type: 'replicate'; readonly value: number; readonly stamp: Stamp }
  | { readonly type: 'read' };

/** A last-writer-wins replica that stamps writes with the solution's clock and pushes them to its peers. */
function lwwReplica(createClock: (node: string) => WriteClock) {
  return defineActor<ReplicaMessage>({
    kind: 'exercise.hlc-clock.replica',
    setup(ctx) {
      const clock = createClock(ctx.self.node);
      let current: { value: number; stamp: Stamp } | undefined;
      const keep = (value: number, stamp: Stamp) => {
        if (current === undefined || compareStamps(stamp, current.stamp) > 0) current = { value, stamp };
      };
      return {
        receive(message) {
          switch (message.type) {
            case 'read':
              return current?.value ?? null;
            case 'replicate':
              clock.observe(message.stamp, ctx.now());
              keep(message.value, message.stamp);
              return undefined;
            case 'write': {
              const stamp = clock.stamp(ctx.now());
              keep(message.value, stamp);
              for (const node of ctx.clusterNodes) if (node !== ctx.self.node) ctx.send(address(node, 'replica'), { type: 'replicate', value: message.value, stamp });
              return stamp;
            }
          }
        },
      };
    },
  });
}

/** Chapter 5: last-writer-wins by wall clock loses a causally later write; fix it with a hybrid logical clock. */
export const hlcClock: Exercise = {
  name: 'hlc-clock',
  chapter: '05-clocks.md',
  title: 'A clock for last-writer-wins that never loses a causally later write',
  task: `Three replicas keep one register by last-writer-wins: each write is stamped by the clock
you write, pushed to the other replicas, and a replica keeps the write with the largest stamp.
One client writes 1, 2, 3, … each at a random replica, waiting for every write to reach every
replica before the next, and reads at random replicas between writes. The nodes' clocks are
skewed by up to 150 ms, and a nemesis bumps, strobes and drifts them. Stamped by the wall clock
(the starter), a write at a node whose clock is behind loses to an earlier one, and a read
returns a value that was already overwritten: the register model says so. Write the clock so
each stamp is above every stamp this node has seen (a hybrid logical clock, chapter 5).
Export: createClock(node), returning { stamp(physicalMs), observe(remote, physicalMs) }; a stamp
is { t, c, node }, compared by t, then c, then node.`,
  nodes: ['n1', 'n2', 'n3'],
  seeds: 20,
  async run(solution, seed, record?: RunRecorder) {
    const createClock = functionExport<(node: string) => WriteClock>(solution, 'createClock');
    const skew = createRng(seed).derive('exercise-skew');
    const clocks = Object.fromEntries(['n1', 'n2', 'n3'].map((n) => [n, { offsetMs: skew.int(301) - 150, driftPpm: 0 }]));
    const sim = new Simulation({ seed, nodes: 3, clocks, faults: networkPresets.lan, ...(record ? { onTrace: record.onTrace } : {}) });
    try {
      const Replica = lwwReplica(createClock);
      for (const node of sim.nodes) await sim.spawn(node, 'replica', Replica, undefined);
      const nemesis = new Nemesis(sim.faultTarget(), { seed, generate: { families: ['clock'], clockMaxMs: 150, intervalMs: 100, durationMs: 300, untilMs: 2000 } });
      const faults = nemesis.run((ms) => sim.sleep(ms));
      const history = new Recorder(() => sim.now());
      const pick = createRng(seed).derive('exercise-replicas');
      const process = history.freshProcess();
      for (let value = 1; value <= 30; value++) {
        const at = address(pick.pick(sim.nodes), 'replica');
        await history.record(process, { f: 'write', value }, () => sim.ask(at, { type: 'write', value }, { timeoutMs: 1000 }), () => value);
        await sim.sleep(20); // the write reaches every replica meanwhile
        for (let r = 0; r < 2; r++) {
          const from = address(pick.pick(sim.nodes), 'replica');
          await history.record(process, { f: 'read' }, () => sim.ask<number | null>(from, { type: 'read' }, { timeoutMs: 1000 }), (v) => v);
        }
        await sim.sleep(40);
      }
      const log = await faults;
      const check = checkHistory(registerModel, history.events);
      recordRun(record, 'register', 'register', history.events, check, log);
      record?.finish(sim.now());
      return verdictOf(check, `every read returned the last value written (${history.events.length / 2} operations)`);
    } finally {
      await sim.shutdown();
    }
  },
};
