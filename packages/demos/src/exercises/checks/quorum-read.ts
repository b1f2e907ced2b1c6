import { checkHistory, registerModel } from '@faultline/checker';
import { address, createRng, defineActor, type AskOutcome } from '@faultline/core';
import { Recorder } from '@faultline/history';
import type { RunRecorder } from '@faultline/report';
import { Simulation } from '@faultline/runtime';
import { Nemesis, networkPresets } from '@faultline/transport';
import { actorExport, type Exercise } from '../exercise.ts';
import { recordRun, verdictOf } from './record-run.ts';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

/** What a replica holds: the value of the highest version it was given. */
export interface Versioned {
  readonly version: number;
  readonly value: number | null;
}

/** A replica of one register: `get` answers what it holds, `put` keeps a higher version. */
const Replica = defineActor<{ readonly type: 'get' } | ({ readonly type: 'put' } & Versioned)>({
  kind: 'exercise.quorum-read.replica',
  setup() {
    let held: Versioned = { version: 0, value: null };
    return {
      receive(message) {
        if (message.type === 'get') return held;
        if (message.version > held.version) held = { version: message.version, value: message.value };
        return 'ok';
      },
    };
  },
});

/** The writer on n1: puts a version to every replica; ok with a majority of acks, else unknown (some may have it). */
const Writer = defineActor<Versioned>({
  kind: 'exercise.quorum-read.writer',
  setup(ctx) {
    return {
      async receive(put): Promise<AskOutcome<null>> {
        const acks = await Promise.all(ctx.clusterNodes.map((n) => ctx.ask(address(n, 'replica'), { type: 'put', ...put }, { timeoutMs: 100 })));
        const ok = acks.filter((a) => a.status === 'ok').length;
        return ok > ctx.clusterNodes.length / 2 ? { status: 'ok', value: null } : { status: 'unknown', reason: 'timeout', message: `${ok} of ${ctx.clusterNodes.length} replicas acknowledged` };
      },
    };
  },
});

/** Chapter 7: read a majority-replicated register so that every read sees the last acknowledged write. */
export const quorumRead: Exercise = {
  name: 'quorum-read',
  chapter: '07-registers-and-linearizability.md',
  title: 'A read that always sees the last acknowledged write',
  task: `Five replicas (an actor named 'replica' on every node) hold one register; a replica answers
{ type: 'get' } with { version, value } and keeps a { type: 'put', version, value } if its version is
higher. The writer on n1 puts versions 1, 2, 3, … to all five and counts a write as done when a majority
(3) acknowledged; a nemesis partitions the network, so some replicas miss writes, and some writes
reach fewer than 3 and end unknown. Your Reader (one on every node) serves reads. The starter reads
its own node's replica, which may have missed writes, and the register model catches a read of an
old value. Make the read right (ABD: Attiya, Bar-Noy, Dolev 1995): ask the replicas, wait for a
majority, take the highest version, and before answering make sure a majority holds it (write it back),
so a later read cannot see an older one. Refuse (throw a Rejection) when no majority answers.
Export: Reader, an actor taking { type: 'read' } and answering the value (null before any write).`,
  nodes: NODES,
  seeds: 20,
  async run(solution, seed, record?: RunRecorder) {
    const Reader = actorExport(solution, 'Reader');
    const sim = new Simulation({ seed, nodes: NODES.length, faults: networkPresets.lan, ...(record ? { onTrace: record.onTrace } : {}) });
    try {
      for (const node of sim.nodes) {
        await sim.spawn(node, 'replica', Replica, undefined);
        await sim.spawn(node, 'reader', Reader, undefined);
      }
      const writer = await sim.spawn('n1', 'writer', Writer, undefined);
      const nemesis = new Nemesis(sim.faultTarget(), { seed, generate: { families: ['partition'], intervalMs: 100, durationMs: 400, untilMs: 2500 } });
      const faults = nemesis.run((ms) => sim.sleep(ms));
      const history = new Recorder(() => sim.now());
      const pick = createRng(seed).derive('exercise-readers');
      let process = history.freshProcess();
      for (let version = 1; sim.now() < 2500; version++) {
        const w = await history.record(process, { f: 'write', value: version }, async () => {
          const outer = await sim.ask<AskOutcome<null>>(writer, { version, value: version }, { timeoutMs: 500 });
          return outer.status === 'ok' ? outer.value : outer;
        });
        if (w.status === 'unknown') process = history.freshProcess();
        for (let r = 0; r < 3; r++) {
          const reader = address(pick.pick(sim.nodes), 'reader');
          const read = await history.record(process, { f: 'read' }, () => sim.ask<number | null>(reader, { type: 'read' }, { timeoutMs: 500 }), (v) => v);
          if (read.status === 'unknown') process = history.freshProcess();
        }
        await sim.sleep(20);
      }
      const log = await faults;
      const check = checkHistory(registerModel, history.events);
      recordRun(record, 'register', 'register', history.events, check, log);
      record?.finish(sim.now());
      return verdictOf(check, `every read returned the last value written or a later one in flight (${history.events.length / 2} operations)`);
    } finally {
      await sim.shutdown();
    }
  },
};
