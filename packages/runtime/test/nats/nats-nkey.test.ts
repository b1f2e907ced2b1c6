// Issue 20, item 4: nkey login (NATS's ed25519 challenge–response) from a seed file, never argv. The
// controller and the node processes it launches sign the server's nonce with the seed in the file; a
// seed file others can read is refused, as ssh refuses such a private key.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nkeys } from '@nats-io/transport-node';
import { NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { Echo } from '../fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href];
const KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 41 + 9) % 256);
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

describe.skipIf(!available)('a NATS server that logs users in by nkey (issue 20)', () => {
  let server: NatsServer;
  let dir: string;
  let seedFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-nkey-'));
    const user = nkeys.createUser();
    seedFile = join(dir, 'user.nk');
    writeFileSync(seedFile, new TextDecoder().decode(user.getSeed()), { mode: 0o600 });
    const conf = join(dir, 'nats.conf');
    writeFileSync(conf, `authorization { users: [ { nkey: ${user.getPublicKey()} } ] }\n`);
    server = await NatsServer.start(['-c', conf]);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a keyed cluster whose controller and launched nodes log in with the seed file', async () => {
    const cluster = await NatsCluster.start({ seed: 1, nodes: 2, cluster: 'nk', nats: { servers: server.url, nkeySeedFile: seedFile }, modules: MODULES, auth: { key: KEY } });
    try {
      const echo = await cluster.spawn('n2', 'echo', Echo, undefined);
      expect(await cluster.ask(echo, 'signed in', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'signed in' });
    } finally {
      await cluster.shutdown();
    }
  }, 120_000);

  it('refuses a client without the nkey, and a seed file others may read', async () => {
    await expect(NatsCluster.start({ seed: 1, nodes: 1, cluster: 'nk', nats: { servers: server.url }, modules: MODULES, auth: { key: KEY } }))
      .rejects.toThrow(/nats.servers must be a reachable NATS server that accepts these credentials/);
    chmodSync(seedFile, 0o644);
    try {
      await expect(NatsCluster.start({ seed: 1, nodes: 1, cluster: 'nk', nats: { servers: server.url, nkeySeedFile: seedFile }, modules: MODULES, auth: { key: KEY } }))
        .rejects.toThrow(/nats.nkeySeedFile must be private to its owner \(mode 644/);
    } finally {
      chmodSync(seedFile, 0o600);
    }
  }, 60_000);
});
