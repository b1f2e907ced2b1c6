// Issue 13, item 4: the NATS connection uses the server's user/password auth. Launched node processes
// get the password in their environment (never argv); a wrong one is a ConfigError naming the field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { Echo } from '../fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href];
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

describe.skipIf(!available)('a NATS server that requires a user and password', () => {
  let server: NatsServer;
  beforeAll(async () => {
    server = await NatsServer.start(['--user', 'faultline', '--pass', 's3cret-pass']);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('runs a cluster whose controller and launched nodes log in', async () => {
    const cluster = await NatsCluster.start({ seed: 1, nodes: 2, cluster: 'login', nats: { servers: server.url, user: 'faultline', pass: 's3cret-pass' }, modules: MODULES });
    try {
      const echo = await cluster.spawn('n2', 'echo', Echo, undefined);
      expect(await cluster.ask(echo, 'in', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'in' });
    } finally {
      await cluster.shutdown();
    }
  }, 120_000);

  it('refuses a wrong password with a ConfigError naming nats.servers, and a user without one naming nats.pass', async () => {
    await expect(NatsCluster.start({ seed: 1, nodes: 1, cluster: 'login', nats: { servers: server.url, user: 'faultline', pass: 'wrong' }, modules: MODULES }))
      .rejects.toThrow(/nats.servers must be a reachable NATS server that accepts these credentials/);
    await expect(NatsCluster.start({ seed: 1, nodes: 1, cluster: 'login', nats: { servers: server.url, user: 'faultline' }, modules: MODULES }))
      .rejects.toThrow(/nats.pass must be given/);
  }, 120_000);
});
