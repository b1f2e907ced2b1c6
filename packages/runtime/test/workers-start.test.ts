import { describe, expect, it } from 'vitest';
import { address, defineActor } from '@faultline/core';
import { ClusterInNodeError, isNodeWorker, siblingModule, WorkerCluster, WorkerStartError } from '../src/index.ts';

/** The kind guarded-script.ts defines; the test does not import that script (it would run its main()). */
const GuardedGreeter = defineActor<string, void>({ kind: 'fixture.guarded-greeter', setup: () => ({ receive: () => 'not this copy' }) });

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).href;

describe('starting worker nodes', () => {
  it('refuses, typed, a module that starts a cluster while a worker imports it (no recursion)', async () => {
    const started = WorkerCluster.start({ seed: 1, nodes: 2, modules: [fixture('self-starting.ts')] });
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterInNodeError);
    expect(error).toMatchObject({ code: 'cluster-in-node', what: 'WorkerCluster.start' });
    expect((error as Error).message).toContain('if (!isNodeWorker()) await main();');
    expect(['n1', 'n2']).toContain((error as ClusterInNodeError).node);
  });

  it('starts a one-file script guarded by isNodeWorker(): workers load its actors and skip its start-up code', async () => {
    expect(isNodeWorker()).toBe(false);
    const cluster = await WorkerCluster.start({ seed: 1, nodes: 2, modules: [fixture('guarded-script.ts')] });
    try {
      const greeter = await cluster.spawn('n2', 'greeter', GuardedGreeter, undefined);
      expect(await cluster.ask(greeter, 'you')).toEqual({ status: 'ok', value: 'hello you' });
      expect(await cluster.ask(address('n1', 'nobody'), 'x')).toMatchObject({ status: 'failed', code: 'unknown-actor' });
    } finally {
      await cluster.shutdown();
    }
  });

  it('names startTimeoutMs and how many nodes were ready when a start times out', async () => {
    const error = await WorkerCluster.start({ seed: 1, nodes: 3, modules: [], startTimeoutMs: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerStartError);
    const message = (error as Error).message;
    expect(message).toMatch(/not ready within startTimeoutMs = 1 ms/);
    expect(message).toMatch(/; 0 of 3 nodes were ready$/);
    expect((error as WorkerStartError).ready).toEqual({ nodes: 0, of: 3 });
  });

  it('names a sibling module by its .ts source, and by its .js file once built', () => {
    expect(siblingModule('file:///app/src/main.ts', './actors.ts')).toBe('file:///app/src/actors.ts');
    expect(siblingModule('file:///app/dist/main.js', './actors.ts')).toBe('file:///app/dist/actors.js');
    expect(siblingModule('file:///app/dist/main.mjs', './actors.mts')).toBe('file:///app/dist/actors.mjs');
    expect(siblingModule('file:///app/dist/main.js', './data.json')).toBe('file:///app/dist/data.json');
  });
});
