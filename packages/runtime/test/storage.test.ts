import { describe, expect, it } from 'vitest';
import { Simulation, WorkerCluster, type Cluster } from '../src/index.ts';
import { Durable } from './fixtures/actors.ts';

const FIXTURES = new URL('./fixtures/actors.ts', import.meta.url).href;

async function crashKeepsTheDisk(cluster: Cluster): Promise<void> {
  const actor = await cluster.spawn('n2', 'durable', Durable, undefined);
  await cluster.ask(actor, 'x');
  expect(await cluster.ask(actor, 'x')).toEqual({ status: 'ok', value: { inMemory: 2, onDisk: 2 } });
  await cluster.crash('n2');
  await cluster.restart('n2');
  expect(await cluster.ask(actor, 'x', { timeoutMs: 5000 })).toEqual({ status: 'ok', value: { inMemory: 1, onDisk: 3 } });
}

describe('ctx.storage: a node\'s stable storage', () => {
  it('survives a crash and restart in the simulator, while memory does not', async () => {
    await crashKeepsTheDisk(new Simulation({ seed: 1, nodes: 2 }));
  });

  it('survives a worker being terminated and started again', async () => {
    const cluster = await WorkerCluster.start({ seed: 1, nodes: 2, modules: [FIXTURES] });
    try {
      await crashKeepsTheDisk(cluster);
    } finally {
      await cluster.shutdown();
    }
  });
});
