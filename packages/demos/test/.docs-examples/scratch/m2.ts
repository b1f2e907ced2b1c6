import assert from 'node:assert/strict';
import { defineActor, Rejection } from '@faultline/core';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, networkPresets } from '@faultline/transport';
import { MembershipClient, MembershipObserver } from '@faultline/membership';

export const Guarded = defineActor<{ type: 'work' }, void>({
  kind: 'tutorial.guarded',
  setup(ctx) {
    const membership = new MembershipClient(ctx);
    return {
      async receive() {
        const q = await membership.quorum({ timeoutMs: 50 });
        if (q.status !== 'ok' || !q.value.hasQuorum) throw new Rejection('no-quorum', `${ctx.self.node} sees no majority`);
        return `done on ${ctx.self.node}`;
      },
    };
  },
});

export default async function main() {
  const net = new FaultNetwork({ nodes: 5, ...networkPresets.lan });
  const sim = new Simulation({ seed: 1, nodes: 5, network: net.attach });
  const obs = await MembershipObserver.start(sim, { props: { config: { preset: 'sim-fast' } } });
  for (const node of sim.nodes) await sim.spawn(node, 'guarded', Guarded, undefined);
  const lost: string[] = [];
  obs.events.on('quorum-lost', (e) => lost.push(e.observer));
  await sim.sleep(1000);
  net.partition(['n1', 'n2', 'n3'], ['n4', 'n5']);
  await sim.sleep(4000);
  const views = await obs.views();
  console.log([...views.values()].map((v) => `${v?.self} ${v?.quorum.hasQuorum} ${v?.members.map(m=>m.status).join(',')}`));
  console.log(lost);
  console.log(await sim.ask({ node: 'n1', name: 'guarded' } as any, { type: 'work' }));
  console.log(await sim.ask({ node: 'n4', name: 'guarded' } as any, { type: 'work' }));
  net.healAll();
  await sim.sleep(3000);
  console.log([...(await obs.views()).values()].map((v) => `${v?.self} ${v?.quorum.hasQuorum} ${v?.members.map(m=>`${m.status}@${m.incarnation}`).join(',')}`));
  console.log(obs.log.length, obs.log.slice(0,3));
}
await main();
