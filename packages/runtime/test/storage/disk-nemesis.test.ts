// Issue 21: nemesis actions for disk faults (lose unsynced writes on crash, corrupt a record), after
// TigerBeetle's storage faults and Jepsen's NATS 2.12.1 analysis.
import { describe, expect, it } from 'vitest';
import { ConfigError, nodeId, type NodeId } from '@faultline/core';
import { FaultNetwork, Nemesis, faultTarget, type NemesisStep } from '@faultline/transport';
import { Simulation } from '../../src/index.ts';

const NODES = ['n1', 'n2', 'n3'].map(nodeId);

function cluster(disk: boolean): { sim: Simulation; target: ReturnType<typeof faultTarget> } {
  const net = new FaultNetwork({ nodes: NODES });
  const sim = new Simulation({ seed: 11, nodes: NODES, network: net.attach, ...(disk ? { disk: { onCrash: 'random-prefix' } } : {}) });
  return { sim, target: faultTarget(sim, net, (n, f) => sim.clockFault(n, f), (n: NodeId, f) => sim.diskFault(n, f)) };
}

describe('nemesis disk faults in the simulator', () => {
  it('lose-unsynced crashes the node and loses every unsynced write (not a random prefix); restart brings it back', async () => {
    const { sim, target } = cluster(true);
    const disk = sim.disk('n1')!;
    disk.set('synced', 1);
    disk.sync();
    for (let i = 0; i < 5; i++) disk.set(`pending-${i}`, i);
    const schedule: NemesisStep[] = [{ at: 10, do: { kind: 'disk-fault', fault: 'lose-unsynced', nodes: 'n1' } }, { at: 20, do: { kind: 'restart' } }];
    const downs: string[] = [];
    sim.events.on('node-down', (e) => downs.push(`${e.node}: ${e.reason}`));
    const log = await new Nemesis(target, { seed: 1, schedule }).run((ms) => sim.sleep(ms));
    expect(log.map((e) => [e.text, e.ok])).toEqual([['disk crash losing unsynced writes on n1', true], ['restart n1', true]]);
    expect(downs).toEqual(['n1: crashed (disk fault: unsynced writes lost)']);
    expect(disk.keys().sort()).toEqual(['synced']);
    expect(disk.stats()).toMatchObject({ lostWrites: 5, tornWrites: 0 });
  });

  it('corrupt destroys one synced record: it reads as absent, never as a wrong value, and is counted', async () => {
    const { sim, target } = cluster(true);
    const disk = sim.disk('n2')!;
    disk.set('a', 'kept');
    disk.sync();
    const log = await new Nemesis(target, { seed: 1, schedule: [{ at: 5, do: { kind: 'disk-fault', fault: 'corrupt', nodes: 'n2' } }] }).run((ms) => sim.sleep(ms));
    expect(log[0]).toMatchObject({ text: 'disk corrupt a synced record on n2', ok: true });
    expect(disk.get('a')).toBeUndefined();
    expect(disk.stats().corruptRecords).toBe(1);
  });

  it('is refused when planned for a target without diskFault, and fails its step on a simulation without the disk model', async () => {
    const net = new FaultNetwork({ nodes: NODES });
    const plain = new Simulation({ seed: 11, nodes: NODES, network: net.attach });
    const schedule: NemesisStep[] = [{ at: 1, do: { kind: 'disk-fault', fault: 'corrupt', count: 'one' } }];
    expect(() => new Nemesis(faultTarget(plain, net), { seed: 1, schedule })).toThrow(/needs a target with diskFault/);
    expect(() => new Nemesis(cluster(true).target, { seed: 1, schedule: [{ at: 1, do: { kind: 'disk-fault', fault: 'melt' as never } }] })).toThrow(ConfigError);
    const { sim, target } = cluster(false);
    const log = await new Nemesis(target, { seed: 1, schedule }).run((ms) => sim.sleep(ms));
    expect(log[0]).toMatchObject({ ok: false, error: expect.stringMatching(/disk.*must be set in the Simulation config for disk faults/) });
  });

  it('slow makes the disk slow until the final heal makes it fast again', async () => {
    const { sim, target } = cluster(true);
    const disk = sim.disk('n3')!;
    let slowDuring = false;
    const nemesis = new Nemesis(target, { seed: 1, schedule: [{ at: 5, do: { kind: 'disk-fault', fault: 'slow', nodes: 'n3' } }, { at: 10, do: { kind: 'restart' } }] });
    const log = await nemesis.run(async (ms) => { await sim.sleep(ms); slowDuring ||= disk.isSlow; });
    expect(slowDuring).toBe(true);
    expect(log.map((e) => [e.text, e.final === true])).toContainEqual(['disk syncs at full speed again on n3', true]);
    expect(disk.isSlow).toBe(false);
  });
});
