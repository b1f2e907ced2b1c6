/**
 * A worker cluster under frame corruption (issue 9): 3 nodes whose every inter-node link corrupts
 * frames with probability `--rate` (bytes anywhere: header, payload, stamps), while relays on each node
 * ask echoes on the others nonstop for `--seconds`. Reports node-down events (must be 0), asks by
 * outcome and malformed frames. Usage:
 * `npx tsx packages/bench/src/hardening/corrupt-soak.ts [--rate 0.2] [--seconds 60] [--seed 9]`
 */
import { createRng, defineActor, type Address } from '@faultline/core';
import { FAULT_NETWORK_MODULE, FaultNetwork, fault, forwardUpdates, select, type NetworkUpdate } from '@faultline/transport';
import { isNodeWorker, WorkerCluster } from '@faultline/runtime';

export const SoakEcho = defineActor<unknown, void>({ kind: 'soak.echo', setup: () => ({ receive: (m) => m }) });
export const SoakRelay = defineActor<{ to: Address; message: unknown }, void>({
  kind: 'soak.relay',
  setup: (ctx) => ({ receive: (m) => ctx.ask(m.to, m.message, { timeoutMs: 200 }) }),
});

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : Number(process.argv[i + 1]);
};

async function main(): Promise<void> {
  const rate = arg('rate', 0.2);
  const seconds = arg('seconds', 60);
  const seed = arg('seed', 9);
  console.log(`corrupt soak: 3 worker nodes, every link corrupting frames with p=${rate}, ${seconds} s, seed ${seed}`);
  const controller = new FaultNetwork({ nodes: 3 }, createRng(seed));
  const cluster = await WorkerCluster.start({
    seed, nodes: 3, modules: [import.meta.url],
    network: { module: FAULT_NETWORK_MODULE, export: 'faultNetwork', options: controller.options },
  });
  const pending: Promise<unknown>[] = [];
  forwardUpdates(controller, (u: NetworkUpdate) => void pending.push(cluster.configureNetwork(u)));
  controller.install({ target: select.all(), fault: fault.corrupt(rate, 2, 'any') });
  await Promise.all(pending);
  let down = 0;
  let malformed = 0;
  cluster.events.on('node-down', (e) => { down++; console.log(`  node down: ${e.node} (${e.reason})`); });
  cluster.events.on('node-event', (e) => { if (e.type === 'malformed-frame') malformed++; });
  const nodes = ['n1', 'n2', 'n3'];
  const relays = await Promise.all(nodes.map((n) => cluster.spawn(n, 'relay', SoakRelay, undefined)));
  const echoes = await Promise.all(nodes.map((n) => cluster.spawn(n, 'echo', SoakEcho, undefined)));
  const tally: Record<string, number> = {};
  const deadline = Date.now() + seconds * 1000;
  let i = 0;
  while (Date.now() < deadline) {
    const batch = nodes.map((_, k) => {
      const outcome = cluster.ask(relays[k] as Address, { to: echoes[(k + 1) % 3] as Address, message: { i: i++, text: 'x'.repeat(20) } }, { timeoutMs: 1000 });
      return outcome.then((o) => {
        const inner = o.status === 'ok' ? (o.value as { status: string }).status : `driver-${o.status}`;
        tally[inner] = (tally[inner] ?? 0) + 1;
      });
    });
    await Promise.all(batch);
  }
  const up = nodes.filter((n) => cluster.isUp(n)).length;
  console.log(`asks by inner outcome: ${JSON.stringify(tally)}; malformed frames reported: ${malformed}`);
  console.log(`rate ${rate}: ${seconds} s, node-down events: ${down}, nodes up at the end: ${up}/3`);
  await cluster.shutdown();
  if (down > 0) process.exitCode = 1;
}

if (!isNodeWorker()) await main();
