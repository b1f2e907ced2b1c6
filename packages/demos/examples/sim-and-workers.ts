// example: sim-and-workers
import assert from 'node:assert/strict';
import { defineActor } from '@faultline/core';
import { Simulation, WorkerCluster, type Cluster } from '@faultline/runtime';

export const Greeter = defineActor<{ name: string }, { greeting: string }>({
  kind: 'tutorial.greeter',
  setup(ctx, props) {
    return { receive: (message) => `${props.greeting}, ${message.name}, from ${ctx.self.node}` };
  },
});

/** Written against the Cluster interface only, so it runs in both runtimes. */
async function greetEveryNode(cluster: Cluster): Promise<string[]> {
  const replies: string[] = [];
  for (const node of cluster.nodes) {
    const greeter = await cluster.spawn(node, 'greeter', Greeter, { greeting: 'hello' });
    const outcome = await cluster.ask<string>(greeter, { name: 'Ada' });
    replies.push(outcome.status === 'ok' ? outcome.value : outcome.status);
  }
  return replies;
}

export default async function main(): Promise<void> {
  const sim = new Simulation({ seed: 7, nodes: 3 });
  const inSim = await greetEveryNode(sim);
  await sim.shutdown();
  assert.deepEqual(inSim, ['hello, Ada, from n1', 'hello, Ada, from n2', 'hello, Ada, from n3']);

  // Each worker imports the listed modules and finds definitions by `kind`. This file exports
  // Greeter, so it lists itself; its start-up code sits in main(), which nothing in this file calls
  // (the docs test does). A script that calls main() at top level must guard it: see below.
  const workers = await WorkerCluster.start({ seed: 7, nodes: 3, modules: [import.meta.url] });
  try {
    assert.deepEqual(await greetEveryNode(workers), inSim);
  } finally {
    await workers.shutdown();
  }
}
