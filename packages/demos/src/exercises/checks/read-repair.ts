import { address, createRng, defineActor } from '@faultline/core';
import type { RunRecorder } from '@faultline/report';
import { Simulation } from '@faultline/runtime';
import { Nemesis, networkPresets } from '@faultline/transport';
import { actorExport, type Exercise } from '../exercise.ts';
import { recordRun } from './record-run.ts';

const NODES = ['n1', 'n2', 'n3'];
const KEYS = ['a', 'b', 'c', 'd', 'e'];

/** What a replica holds for a key. */
export interface VersionedValue {
  readonly version: number;
  readonly value: number | null;
}

type ReplicaMessage =
  | { readonly type: 'write'; readonly key: string; readonly version: number; readonly value: number }
  | { readonly type: 'put'; readonly key: string; readonly version: number; readonly value: number | null }
  | { readonly type: 'get'; readonly key: string };

/** An AP replica: keeps the highest version per key, and pushes each client write to its peers once, with no anti-entropy. */
const Replica = defineActor<ReplicaMessage>({
  kind: 'exercise.read-repair.replica',
  setup(ctx) {
    const held = new Map<string, VersionedValue>();
    const keep = (key: string, version: number, value: number | null) => {
      if (version > (held.get(key)?.version ?? 0)) held.set(key, { version, value });
    };
    return {
      receive(message) {
        switch (message.type) {
          case 'get':
            return held.get(message.key) ?? { version: 0, value: null };
          case 'put':
            keep(message.key, message.version, message.value);
            return 'ok';
          case 'write':
            keep(message.key, message.version, message.value);
            for (const node of ctx.clusterNodes) {
              if (node !== ctx.self.node) ctx.send(address(node, 'replica'), { type: 'put', key: message.key, version: message.version, value: message.value });
            }
            return 'ok';
        }
      },
    };
  },
});

/** Chapter 7: an AP register whose replicas stay apart after a partition; heal them with read repair. */
export const readRepair: Exercise = {
  name: 'read-repair',
  chapter: '07-registers-and-linearizability.md',
  title: 'Read repair: a read that brings stale replicas up to date',
  task: `Three AP replicas (an actor named 'replica' on every node) keep five keys. A client write
goes to one replica, which pushes it to the others once; a nemesis partitions the network, so
pushes are lost and replicas drift apart, and nothing ever brings them back together. Your Reader
(one on every node) serves reads: it asks every replica ({ type: 'get', key } answers
{ version, value }) and answers the newest value among those that reply. After the network heals,
the check reads every key once through the Reader on n1, waits 300 ms, and asks every replica:
all must hold the same, newest, version of every key. Add read repair: send the newest version
({ type: 'put', key, version, value }) to every replica that answered with an older one.
Export: Reader, an actor taking { type: 'read', key } and answering the newest value it saw.`,
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
      const nemesis = new Nemesis(sim.faultTarget(), { seed, generate: { families: ['partition'], intervalMs: 100, durationMs: 400, untilMs: 2000 } });
      const faults = nemesis.run((ms) => sim.sleep(ms));
      const pick = createRng(seed).derive('exercise-read-repair');
      for (let version = 1; sim.now() < 2000; version++) {
        const key = pick.pick(KEYS);
        await sim.ask(address(pick.pick(sim.nodes), 'replica'), { type: 'write', key, version, value: version }, { timeoutMs: 100 });
        await sim.ask(address(pick.pick(sim.nodes), 'reader'), { type: 'read', key: pick.pick(KEYS) }, { timeoutMs: 300 });
        await sim.sleep(30);
      }
      const log = await faults;
      await sim.sleep(200);
      for (const key of KEYS) await sim.ask(address('n1', 'reader'), { type: 'read', key }, { timeoutMs: 300 });
      await sim.sleep(300);
      const apart: string[] = [];
      for (const key of KEYS) {
        const versions: string[] = [];
        for (const node of sim.nodes) {
          const got = await sim.ask<VersionedValue>(address(node, 'replica'), { type: 'get', key }, { timeoutMs: 100 });
          versions.push(`${node}: ${got.status === 'ok' ? `v${got.value.version}` : got.status}`);
        }
        if (new Set(versions.map((v) => v.split(': ')[1])).size > 1) apart.push(`key ${key}: ${versions.join(', ')}`);
      }
      recordRun(record, 'replicas', 'read-repair', [], undefined, log);
      record?.finish(sim.now());
      return apart.length === 0
        ? { ok: true, explanation: `every replica holds the newest version of all ${KEYS.length} keys after one read of each` }
        : { ok: false, explanation: `after the heal and one read of every key through n1's Reader, the replicas still differ:\n${apart.join('\n')}` };
    } finally {
      await sim.shutdown();
    }
  },
};
