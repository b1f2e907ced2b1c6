// Issue 20, item 1 (critical): a plain NATS client sent an `init` whose network module was a
// `data:text/javascript,…` URL, and the node import()ed it — the sender's code ran inside the node.
// A node now imports only modules named on its own command line (or built into faultline); every
// other name in a control message is refused with ModuleNotAllowedError, and nothing runs.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { NatsNodeAgent } from '../../src/index.ts';
import { decodeResult, encodeRequest } from '../../src/nats/control-wire.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href];
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

/** Code an attacker wants run: it marks the process, then looks like a network module. */
const PAYLOAD = 'globalThis.__faultlinePwned = (globalThis.__faultlinePwned ?? 0) + 1; export const net = () => () => ({ route: () => ({ verdict: "deliver", delayMs: 0 }) });';
const pwned = (): number => (globalThis as { __faultlinePwned?: number }).__faultlinePwned ?? 0;

/** An `init` as a controller sends it, with the attacker's network module. */
function init(module: string): unknown {
  return {
    incarnation: 1, seed: 1, clusterNodes: ['n1'], originEpochMs: Date.now(),
    network: { module, export: 'net' }, networkUpdates: [], clock: undefined, clockFaults: [], stamping: undefined, boot: [], auth: undefined,
  };
}

describe.skipIf(!available)('an init naming a module the node was not started with (issue 20, item 1)', () => {
  let server: NatsServer;
  let attacker: NatsConnection;
  let agent: NatsNodeAgent;
  let dir: string;
  beforeAll(async () => {
    server = await NatsServer.start();
    dir = mkdtempSync(join(tmpdir(), 'faultline-rce-'));
    agent = await NatsNodeAgent.start({ nats: { servers: server.url }, cluster: 'rce', node: 'n1', modules: MODULES, storageFile: join(dir, 'n1.log'), insecure: true });
    attacker = await connect({ servers: server.url });
  });
  afterAll(async () => {
    await attacker?.close();
    await agent?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function send(module: string): Promise<unknown> {
    const reply = await attacker.request('faultline.rce.ctl.n1', encodeRequest({ op: 'init', args: [init(module)] }), { timeout: 10_000 });
    return decodeResult(reply.data);
  }

  it.each([
    ['a data: URL', `data:text/javascript,${encodeURIComponent(PAYLOAD)}`],
    ['an http: URL', 'http://127.0.0.1:1/evil.mjs'],
    ['a file the node was not started with', 'FILE'],
    ['a package other than faultline\'s network', 'node:child_process'],
  ])('refuses %s with ModuleNotAllowedError and runs nothing', async (_what, module) => {
    let url = module;
    if (module === 'FILE') {
      const file = join(dir, 'evil.mjs');
      writeFileSync(file, PAYLOAD);
      url = pathToFileURL(file).href;
    }
    await expect(send(url)).rejects.toMatchObject({ name: 'ModuleNotAllowedError', code: 'module-not-allowed' });
    expect(pwned()).toBe(0);
  }, 30_000);

  it('refuses an export of faultline\'s network package other than faultNetwork', async () => {
    await expect(send('@faultline/transport')).rejects.toMatchObject({ code: 'module-not-allowed' });
  }, 30_000);

  it('goes on serving after the refusals', async () => {
    const reply = await attacker.request('faultline.rce.ctl.n1', encodeRequest({ op: 'ping', args: [] }), { timeout: 10_000 });
    expect(decodeResult(reply.data)).toMatchObject({ node: 'n1', incarnation: -1 });
  }, 30_000);
});
