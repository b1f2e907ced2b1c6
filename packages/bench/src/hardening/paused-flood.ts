/**
 * Memory of a paused worker node flooded with tells (issue 9 item 5): 15M by default, sent in chunks
 * with a turn between them. Prints the process RSS and heap before and after, and the node's hold and
 * drop counts. Usage: `npx tsx packages/bench/src/hardening/paused-flood.ts [--messages 15000000]`
 */
import { isNodeWorker, WorkerCluster } from '@faultline/runtime';
import { defineActor } from '@faultline/core';

export const Sink = defineActor<unknown, void>({ kind: 'bench.sink', setup: () => ({ receive: () => undefined }) });

async function main(): Promise<void> {
  const i = process.argv.indexOf('--messages');
  const total = i < 0 ? 15_000_000 : Number(process.argv[i + 1]);
  const mb = (n: number) => `${Math.round(n / 1e6)} MB`;
  // A flood of full batches can keep a worker's event loop busy past the heartbeat; this measures memory only.
  const cluster = await WorkerCluster.start({ seed: 1, nodes: 1, modules: [import.meta.url], unresponsiveAfterMs: 600_000 });
  const sink = await cluster.spawn('n1', 'sink', Sink, undefined);
  await cluster.pause('n1');
  global.gc?.();
  const before = process.memoryUsage();
  const started = Date.now();
  for (let sent = 0; sent < total; sent += 50_000) {
    for (let k = 0; k < 50_000; k++) cluster.tell(sink, { n: sent + k });
    await new Promise((r) => setImmediate(r));
    if (sent % 1_000_000 === 0) await cluster.snapshot('n1'); // let the node keep up: a round trip per 1M
  }
  const snap = await cluster.snapshot('n1');
  global.gc?.();
  const after = process.memoryUsage();
  console.log(`${total} tells to a paused node in ${Math.round((Date.now() - started) / 1000)} s: held ${snap.held}, dropped ${snap.heldDropped}, mailbox ${snap.queued}`);
  console.log(`process RSS ${mb(before.rss)} -> ${mb(after.rss)}; main-thread heap ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}`);
  await cluster.resume('n1');
  await cluster.shutdown();
}

if (!isNodeWorker()) await main();
