import { address, createRng, type Address } from '@faultline/core';
import type { RunRecorder } from '@faultline/report';
import { Simulation } from '@faultline/runtime';
import { Nemesis, networkPresets } from '@faultline/transport';
import { actorExport, type Exercise } from '../exercise.ts';
import { recordRun } from './record-run.ts';

const NODES = ['n1', 'n2', 'n3', 'n4', 'n5'];

/** Chapter 4: a broadcast that loses messages under a partition; make it deliver once the network heals. */
export const reliableBroadcast: Exercise = {
  name: 'reliable-broadcast',
  chapter: '04-breaking-the-network.md',
  title: 'A broadcast that reaches every node once the partition heals',
  task: `An actor named 'broadcast' runs on each of five nodes. The driver asks a random node to
broadcast 1, 2, 3, … every 50 ms for 3 s while a nemesis partitions the network (each cut lasts
600 ms). The starter sends each value to every peer once, so a value sent across a cut is lost for
good. The check heals the network, waits 2 s, and reads every node: each must hold every value
whose broadcast was acknowledged. Make the broadcast keep trying each peer until that peer has it.
Export: Broadcaster, an actor taking { type: 'broadcast', value } (reply once it is stored here)
and { type: 'read' } (reply: the values this node holds); the messages between peers are yours.`,
  nodes: NODES,
  seeds: 20,
  async run(solution, seed, record?: RunRecorder) {
    const Broadcaster = actorExport(solution, 'Broadcaster');
    const sim = new Simulation({ seed, nodes: NODES.length, faults: networkPresets.lan, ...(record ? { onTrace: record.onTrace } : {}) });
    try {
      for (const node of sim.nodes) await sim.spawn(node, 'broadcast', Broadcaster, undefined);
      const nemesis = new Nemesis(sim.faultTarget(), { seed, generate: { families: ['partition'], intervalMs: 200, durationMs: 600, untilMs: 3000 } });
      const faults = nemesis.run((ms) => sim.sleep(ms));
      const pick = createRng(seed).derive('exercise-broadcast');
      const acknowledged: number[] = [];
      for (let value = 1; sim.now() < 3000; value++) {
        const at: Address = address(pick.pick(sim.nodes), 'broadcast');
        const outcome = await sim.ask(at, { type: 'broadcast', value }, { timeoutMs: 200 });
        if (outcome.status === 'ok') acknowledged.push(value);
        await sim.sleep(50);
      }
      const log = await faults;
      await sim.sleep(2000);
      const missing: string[] = [];
      for (const node of sim.nodes) {
        const read = await sim.ask<unknown>(address(node, 'broadcast'), { type: 'read' }, { timeoutMs: 1000 });
        const held = new Set(read.status === 'ok' && Array.isArray(read.value) ? read.value : []);
        const lost = acknowledged.filter((v) => !held.has(v));
        if (read.status !== 'ok') missing.push(`${node}: the read ended ${read.status}`);
        else if (lost.length > 0) missing.push(`${node} lacks ${lost.length} of ${acknowledged.length} acknowledged values: ${lost.slice(0, 10).join(', ')}${lost.length > 10 ? ', …' : ''}`);
      }
      recordRun(record, 'broadcast', 'set', [], undefined, log);
      record?.finish(sim.now());
      return missing.length === 0
        ? { ok: true, explanation: `all ${sim.nodes.length} nodes hold all ${acknowledged.length} acknowledged values 2 s after the heal` }
        : { ok: false, explanation: `2 s after the last heal, not every node holds every acknowledged value:\n${missing.join('\n')}` };
    } finally {
      await sim.shutdown();
    }
  },
};
