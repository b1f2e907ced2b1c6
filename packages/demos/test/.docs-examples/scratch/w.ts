import { defineActor } from '@faultline/core';
import { Simulation, WorkerCluster, type Cluster } from '@faultline/runtime';

export const Echo = defineActor<{ text: string }>({
  kind: 'docs.echo',
  setup(ctx) {
    return { receive: (msg) => ({ text: msg.text, from: ctx.self.node }) };
  },
});

async function scenario(cluster: Cluster) {
  const echo = await cluster.spawn('n2', 'echo', Echo, undefined);
  return cluster.ask(echo, { text: 'hi' });
}

export default async function main() {
  const sim = new Simulation({ seed: 1, nodes: 3 });
  console.log(await scenario(sim));
  await sim.shutdown();
  const t = performance.now();
  const workers = await WorkerCluster.start({ seed: 1, nodes: 3, modules: [import.meta.url] });
  try { console.log(await scenario(workers)); } finally { await workers.shutdown(); }
  console.log('workers took', performance.now() - t);
}
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) await main();
