import { address, type NodeId } from '@faultline/core';
import { ApRegister, CpRegister } from '@faultline/registers';
import { withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

const OPS = 20;

/** Messages and bytes on the wire per client operation (writes then reads), CP or AP. */
async function cost(seed: number, kind: 'cp' | 'ap'): Promise<{ messages: number; bytes: number; ok: number }> {
  return withRig(seed, 3, async ({ sim, trace }) => {
    for (const node of sim.nodes) {
      if (kind === 'cp') await sim.spawn(node, 'reg', CpRegister, {});
      else await sim.spawn(node, 'reg', ApRegister, { policy: 'lww-hlc', antiEntropyMs: 0 });
    }
    const at = address(sim.nodes[0] as NodeId, 'reg');
    let ok = 0;
    for (let i = 0; i < OPS; i++) {
      const r = await sim.ask(at, i % 2 === 0 ? { type: 'write', key: 'k', value: i } : { type: 'read', key: 'k' });
      if (r.status === 'ok') ok++;
    }
    await sim.sleep(500); // background replication and read repair finish
    const sends = trace.filter((e) => e.ev === 'send');
    return { messages: sends.length, bytes: sends.reduce((sum, e) => sum + (e.bytes ?? 0), 0), ok };
  });
}

/** "Transport cost is zero": what one operation costs on the wire, CP against AP. */
export const transportCostScene: FallacyScene = {
  name: 'transport-cost',
  fallacy: 'transport cost is zero',
  async run(seed) {
    const cp = await cost(seed, 'cp');
    const ap = await cost(seed, 'ap');
    const row = (label: string, c: typeof cp) =>
      `  ${label}  ${(c.messages / OPS).toFixed(1).padStart(6)} messages/op  ${(c.bytes / OPS).toFixed(0).padStart(6)} bytes/op   (${c.ok} of ${OPS} ok)`;
    return [
      `${OPS} operations (alternating writes and reads) through n1 on a 3-replica register; every frame counted, client's included.`,
      row('CP (ABD quorums)      ', cp),
      row('AP (LWW, read repair) ', ap),
      `CP pays ${(cp.messages / ap.messages).toFixed(1)}× the messages of AP here: two majority round trips per operation, for linearizability.`,
    ];
  },
};
