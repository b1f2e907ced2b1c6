// example: membership-under-partition
import assert from 'node:assert/strict';
import { address, defineActor, Rejection } from '@faultline/core';
import { MembershipClient, MembershipObserver } from '@faultline/membership';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, networkPresets } from '@faultline/transport';

/** A service that refuses work, definitely, on a side of the cluster without a majority. */
export const Guarded = defineActor<'work', void>({
  kind: 'tutorial.guarded',
  setup(ctx) {
    const membership = new MembershipClient(ctx); // asks the membership actor on this node
    return {
      async receive() {
        const quorum = await membership.quorum({ timeoutMs: 50 });
        if (quorum.status !== 'ok' || !quorum.value.hasQuorum) {
          throw new Rejection('no-quorum', `${ctx.self.node} sees no majority`);
        }
        return `done on ${ctx.self.node}`;
      },
    };
  },
});

export default async function main(): Promise<void> {
  const net = new FaultNetwork({ nodes: 5, ...networkPresets.lan });
  const sim = new Simulation({ seed: 1, nodes: 5, network: net.attach });
  // A membership actor (and an event recorder) on every node, with the simulator's fast preset.
  const observer = await MembershipObserver.start(sim, { props: { config: { preset: 'sim-fast' } } });
  for (const node of sim.nodes) await sim.spawn(node, 'guarded', Guarded, undefined);
  const lostQuorum: string[] = [];
  observer.events.on('quorum-lost', (event) => lostQuorum.push(event.observer));
  await sim.sleep(1000);

  net.partition(['n1', 'n2', 'n3'], ['n4', 'n5']);
  await sim.sleep(4000);
  const statuses = async (node: string) => (await observer.view(node))?.members.map((m) => `${m.node}:${m.status}`);
  assert.deepEqual(await statuses('n1'), ['n1:alive', 'n2:alive', 'n3:alive', 'n4:down', 'n5:down']);
  assert.deepEqual(await statuses('n4'), ['n1:down', 'n2:down', 'n3:down', 'n4:alive', 'n5:alive']);
  assert.deepEqual(lostQuorum, ['n4', 'n5']);
  assert.deepEqual(await sim.ask(address('n1', 'guarded'), 'work'), { status: 'ok', value: 'done on n1' });
  assert.deepEqual(await sim.ask(address('n4', 'guarded'), 'work'), {
    status: 'failed', code: 'no-quorum', message: 'n4 sees no majority',
  });

  net.healAll();
  await sim.sleep(3000);
  for (const view of (await observer.views()).values()) {
    assert.ok(view);
    assert.equal(view.quorum.hasQuorum, true);
    // Downed members came back with a higher incarnation: a stale "down" cannot win over it.
    assert.ok(view.members.every((m) => m.status === 'alive' && m.incarnation === 1));
  }
  await sim.shutdown();
}
