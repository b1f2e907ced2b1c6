// Issue 20, item 4: NATS's own protection beside the cluster key. With one user per cluster, each
// allowed only `faultline.<cluster>.>` and its cluster's inbox (clusterUsersConfig), a keyed cluster
// runs as before, and another cluster's user cannot publish on its subjects nor read them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { clusterUsersConfig, NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { Echo } from '../fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href];
const KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 53 + 7) % 256);
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

describe.skipIf(!available)('per-cluster NATS users with subject permissions (issue 20)', () => {
  let server: NatsServer;
  let dir: string;
  const saved = { lab: process.env.LAB_PASS, lab2: process.env.LAB2_PASS };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-perm-'));
    const conf = join(dir, 'nats.conf');
    writeFileSync(conf, clusterUsersConfig([{ cluster: 'lab', user: 'lab', passwordVar: 'LAB_PASS' }, { cluster: 'lab2', user: 'lab2', passwordVar: 'LAB2_PASS' }]));
    process.env.LAB_PASS = 'lab-secret-1';
    process.env.LAB2_PASS = 'lab2-secret-2';
    server = await NatsServer.start(['-c', conf]);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (saved.lab === undefined) delete process.env.LAB_PASS; else process.env.LAB_PASS = saved.lab;
    if (saved.lab2 === undefined) delete process.env.LAB2_PASS; else process.env.LAB2_PASS = saved.lab2;
  });

  it('runs cluster lab as user lab, and user lab2 can neither publish on nor read lab\'s subjects', async () => {
    const cluster = await NatsCluster.start({ seed: 2, nodes: 2, cluster: 'lab', nats: { servers: server.url, user: 'lab', pass: 'lab-secret-1' }, modules: MODULES, auth: { key: KEY } });
    let observer: NatsConnection | undefined;
    let intruder: NatsConnection | undefined;
    try {
      const echo = await cluster.spawn('n2', 'echo', Echo, undefined);
      expect(await cluster.ask(echo, 'in', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'in' });
      observer = await connect({ servers: server.url, user: 'lab', pass: 'lab-secret-1' });
      intruder = await connect({ servers: server.url, user: 'lab2', pass: 'lab2-secret-2' });
      const seen: string[] = [];
      observer.subscribe('faultline.lab.data.tap', { callback: (_e, msg) => { seen.push(msg.string()); } });
      await observer.flush();
      const errors: string[] = [];
      void (async () => { for await (const s of intruder.status()) if (s.type === 'error') errors.push(String((s as { error?: unknown }).error)); })();
      intruder.publish('faultline.lab.data.tap', 'from lab2');
      intruder.subscribe('faultline.lab.>', { callback: () => {} });
      await intruder.flush();
      observer.publish('faultline.lab.data.tap', 'from lab');
      await observer.flush();
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(['from lab']);
      await expect.poll(() => errors.join(' '), { timeout: 10_000 }).toMatch(/Permissions Violation/i);
    } finally {
      await observer?.close();
      await intruder?.close().catch(() => {});
      await cluster.shutdown();
    }
  }, 120_000);
});
