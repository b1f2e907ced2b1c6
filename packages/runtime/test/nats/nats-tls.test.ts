// Issue 20, item 4: TLS to the NATS server, with a CA and a server certificate made at test time
// (openssl). The controller and the node processes it launches trust that CA (`nats.tls.caFile`,
// `--nats-ca`); a client that does not trust it cannot connect. Skips, saying why, without openssl.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { Echo } from '../fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href];
const KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 3) % 256);
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
const available = findNatsServer() !== undefined && hasOpenssl;
if (!available) console.warn(hasOpenssl ? NATS_SKIP_REASON : 'openssl not found: skipping the NATS TLS test');

/** A CA and a server certificate for 127.0.0.1 signed by it, in `dir`. */
function makeCertificates(dir: string): { ca: string; cert: string; key: string } {
  const f = (name: string) => join(dir, name);
  const ssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'ignore' });
  ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('ca-key.pem'), '-out', f('ca.pem'), '-days', '1', '-subj', '/CN=faultline test CA');
  ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', f('server-key.pem'), '-out', f('server.csr'), '-subj', '/CN=127.0.0.1');
  writeFileSync(f('ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  ssl('x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-out', f('server.pem'), '-days', '1', '-extfile', f('ext.cnf'));
  return { ca: f('ca.pem'), cert: f('server.pem'), key: f('server-key.pem') };
}

describe.skipIf(!available)('a NATS server that requires TLS (issue 20)', () => {
  let server: NatsServer;
  let dir: string;
  let ca: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'faultline-tls-'));
    const certs = makeCertificates(dir);
    ca = certs.ca;
    server = await NatsServer.start(['--tls', '--tlscert', certs.cert, '--tlskey', certs.key]);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs a keyed cluster whose controller and launched nodes trust the test CA', async () => {
    const cluster = await NatsCluster.start({ seed: 1, nodes: 2, cluster: 'tls', nats: { servers: server.url, tls: { caFile: ca } }, modules: MODULES, auth: { key: KEY } });
    try {
      const echo = await cluster.spawn('n2', 'echo', Echo, undefined);
      expect(await cluster.ask(echo, 'over tls', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'over tls' });
    } finally {
      await cluster.shutdown();
    }
  }, 120_000);

  it('refuses a controller that does not trust the server\'s CA, naming nats.servers', async () => {
    await expect(NatsCluster.start({ seed: 1, nodes: 1, cluster: 'tls', nats: { servers: server.url, tls: {} }, modules: MODULES, auth: { key: KEY }, startTimeoutMs: 5_000 }))
      .rejects.toThrow(/nats.servers must be a reachable NATS server.*(certificate|self.signed)/i);
  }, 60_000);
});
