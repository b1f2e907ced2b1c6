import { existsSync, readdirSync } from 'node:fs';
import { privateStorageRoot } from '../../src/host/storage/private-dir.ts';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Address } from '@faultline/core';
import { NodeUnresponsiveError, Simulation, WorkerCluster, WorkerStartError } from '../../src/index.ts';
import { nextEvent } from '../../src/workers/testing/wait.ts';
import { Slow } from '../fixtures/actors.ts';
import { BadReply, Hang } from '../fixtures/liveness-actors.ts';

const modules = [new URL('../fixtures/actors.ts', import.meta.url).href, new URL('../fixtures/liveness-actors.ts', import.meta.url).href];

// Issue 9, item 8: an ask to a node already reported down waited its full timeout.
describe('asks to a node the cluster reports down end at once (simulator)', () => {
  it('ends a pending ask unknown (node-crashed) at the crash instant, and fails new ones (node-down) without sending', async () => {
    const sim = new Simulation({ seed: 8, nodes: 2 });
    const slow = await sim.spawn('n2', 'slow', Slow, undefined);
    const pending = sim.ask(slow, { delayMs: 10_000, value: 1 }, { timeoutMs: 20_000 });
    await sim.sleep(100);
    await sim.crash('n2');
    expect(await pending).toMatchObject({ status: 'unknown', reason: 'node-crashed' });
    expect(sim.now()).toBe(100);
    const sent = sim.stats.sent;
    expect(await sim.ask(slow, { delayMs: 1, value: 2 }, { timeoutMs: 3000 })).toMatchObject({ status: 'failed', code: 'node-down' });
    expect(sim.now()).toBe(100);
    expect(sim.stats.sent).toBe(sent);
    await sim.restart('n2');
    expect(await sim.ask(slow, { delayMs: 1, value: 3 })).toEqual({ status: 'ok', value: 3 });
  });

  it('gives an asker whose reply cannot be encoded unknown with reason unencodable-reply, as reference.md says', async () => {
    const sim = new Simulation({ seed: 8, nodes: 2 });
    const bad = await sim.spawn('n2', 'bad', BadReply, undefined);
    expect(await sim.ask(bad, 'x')).toMatchObject({ status: 'unknown', reason: 'unencodable-reply', message: expect.stringMatching(/is a function/) });
  });
});

describe('a worker whose handler never returns is detected, reported and can be crashed', () => {
  let cluster: WorkerCluster;
  let hang: Address;
  beforeAll(async () => {
    cluster = await WorkerCluster.start({ seed: 8, nodes: 2, modules, heartbeatMs: 50, unresponsiveAfterMs: 400 });
    hang = await cluster.spawn('n2', 'hang', Hang, undefined);
  });
  afterAll(() => cluster.shutdown());

  it('reports node-unresponsive, fails control calls typed, and ends asks at once when crashed', async () => {
    const unresponsive = nextEvent(cluster, 'node-unresponsive', (e) => e.node === 'n2');
    const pending = cluster.ask(hang, 'hang', { timeoutMs: 60_000 }); // the handler never returns
    expect((await unresponsive).silentForMs).toBeGreaterThanOrEqual(400);
    // Control calls, which never settled before, fail typed while the node is silent.
    await expect(cluster.snapshot('n2')).rejects.toBeInstanceOf(NodeUnresponsiveError);
    await expect(cluster.pause('n2')).rejects.toThrow(/has not answered its heartbeat/);
    await cluster.crash('n2');
    expect(await pending).toMatchObject({ status: 'unknown', reason: 'node-crashed' });
    expect(await cluster.ask(hang, 'after', { timeoutMs: 60_000 })).toMatchObject({ status: 'failed', code: 'node-down' });
    await cluster.restart('n2');
    expect(await cluster.ask(hang, 'back')).toEqual({ status: 'ok', value: 'back' });
  });

  it('gives an asker on workers unknown with reason unencodable-reply', async () => {
    const bad = await cluster.spawn('n1', 'bad', BadReply, undefined);
    expect(await cluster.ask(bad, 'x')).toMatchObject({ status: 'unknown', reason: 'unencodable-reply' });
  });
});

// Issue 9, item 8: a driver that died before shutdown() left its storage folder under the temp directory.
describe('a worker cluster leaves no storage folder behind', () => {
  const mine = (pid: number) => readdirSync(privateStorageRoot()).filter((n) => n.startsWith(`faultline-storage-${pid}-`));

  it('when WorkerCluster.start fails', async () => {
    const broken = new URL('../fixtures/does-not-exist.ts', import.meta.url).href;
    await expect(WorkerCluster.start({ seed: 1, nodes: 1, modules: [broken] })).rejects.toBeInstanceOf(WorkerStartError);
    expect(mine(process.pid)).toEqual([]);
  });

  it('when the driver process dies before shutdown (uncaught error)', () => {
    const script = fileURLToPath(new URL('../fixtures/dying-driver.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 60_000 });
    const folder = /storage at (\S+)/.exec(child.stdout)?.[1];
    expect(folder, child.stderr).toMatch(/faultline-storage-/);
    expect(child.status).toBe(1);
    expect(child.stderr).toMatch(/the driver dies/);
    expect(existsSync(folder as string)).toBe(false);
  });
});
