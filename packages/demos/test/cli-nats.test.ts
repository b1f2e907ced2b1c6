// The NATS runtime from the command line (issue 13): usage errors name the argument; three
// `faultline node` processes started on their own, and `faultline demo … --runtime nats --attach`
// finding them — the "three terminals" of docs/15-beyond-one-machine.md.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateClusterKey } from '@faultline/transport';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '@faultline/runtime/nats-testing';
import { runCli } from '../src/cli/main.ts';

const BIN = new URL('../bin/faultline.cjs', import.meta.url).pathname;
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

async function run(...argv: string[]): Promise<{ code: number; text: string }> {
  const lines: string[] = [];
  const code = await runCli(argv, (line) => lines.push(line));
  return { code, text: lines.join('\n') };
}

describe('faultline node and --runtime nats: usage errors', () => {
  it('exits 64 naming a missing or unknown argument', async () => {
    expect(await run('node', '--nats', 'nats://127.0.0.1:1', '--node', 'n1', '--modules', 'a.ts')).toMatchObject({ code: 64, text: expect.stringMatching(/--cluster .*is required/) });
    expect(await run('node', '--key', 'secret')).toMatchObject({ code: 64, text: expect.stringMatching(/argument .*is not an option of faultline node/) });
    expect(await run('node', '--nats', 'x', '--cluster', 'a.b', '--node', 'n1', '--demo', 'echo')).toMatchObject({ code: 64, text: expect.stringMatching(/--cluster must be letters, digits/) });
    expect(await run('node', '--demo', 'partition')).toMatchObject({ code: 64, text: expect.stringMatching(/--demo .*runs in sim only/) });
    expect(await run('demo', 'echo', '--runtime', 'nats')).toMatchObject({ code: 64, text: expect.stringMatching(/--nats is required with --runtime nats/) });
    expect(await run('demo', 'echo', '--nats', 'nats://127.0.0.1:4222')).toMatchObject({ code: 64, text: expect.stringMatching(/--nats .*works with --runtime nats only/) });
  }, 120_000);

  it('refuses a node without a cluster key unless --insecure, and an attaching controller likewise (issue 20)', async () => {
    const saved = { file: process.env.FAULTLINE_CLUSTER_KEY_FILE, key: process.env.FAULTLINE_CLUSTER_KEY };
    delete process.env.FAULTLINE_CLUSTER_KEY_FILE;
    delete process.env.FAULTLINE_CLUSTER_KEY;
    try {
      expect(await run('node', '--nats', 'nats://127.0.0.1:1', '--cluster', 'c', '--node', 'n1', '--demo', 'echo'))
        .toMatchObject({ code: 64, text: expect.stringMatching(/cluster key must be given with --key-file .*or pass --insecure/) });
      expect(await run('demo', 'echo', '--runtime', 'nats', '--nats', 'nats://127.0.0.1:1', '--attach'))
        .toMatchObject({ code: 64, text: expect.stringMatching(/cluster key must be in \$FAULTLINE_CLUSTER_KEY_FILE .*or pass --insecure/) });
    } finally {
      if (saved.file !== undefined) process.env.FAULTLINE_CLUSTER_KEY_FILE = saved.file;
      if (saved.key !== undefined) process.env.FAULTLINE_CLUSTER_KEY = saved.key;
    }
  }, 60_000);
});

describe.skipIf(!available)('three faultline node processes and a demo that attaches to them', () => {
  let server: NatsServer;
  const nodes: ChildProcess[] = [];
  let dir: string;
  let keyFile: string;
  beforeAll(async () => {
    server = await NatsServer.start();
    dir = mkdtempSync(join(tmpdir(), 'faultline-cli-nats-'));
    keyFile = join(dir, 'cluster.key');
    writeFileSync(keyFile, `${generateClusterKey()}\n`, { mode: 0o600 });
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => new Promise((resolve) => {
      if (n.exitCode !== null) return resolve(undefined);
      n.once('exit', resolve);
      n.kill('SIGTERM');
    })));
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runs the echo demo across them, and the nodes stay up for the next controller', async () => {
    for (const id of ['n1', 'n2', 'n3']) {
      nodes.push(spawn(process.execPath, [BIN, 'node', '--nats', server.url, '--cluster', 'class', '--node', id, '--demo', 'echo', '--key-file', keyFile], { stdio: 'ignore' }));
    }
    const argv = ['demo', 'echo', '--runtime', 'nats', '--nats', server.url, '--cluster', 'class', '--attach', '--nodes', '3', '--seed', '4'];
    process.env.FAULTLINE_CLUSTER_KEY_FILE = keyFile;
    const first = await run(...argv).finally(() => delete process.env.FAULTLINE_CLUSTER_KEY_FILE);
    expect(first.text).toMatch(/attaching to nodes started with faultline node; cluster key from the environment: control, reports and frames authenticated/);
    expect(first.text).toMatch(/12 asks: \d+ ok, 0 failed, \d+ unknown/);
    expect(first.code).toBe(0);
    expect(first.text).toContain(`replay: faultline demo echo --seed 4 --runtime nats --nodes 3 --nats ${server.url} --cluster class --attach`);
    process.env.FAULTLINE_CLUSTER_KEY_FILE = keyFile;
    const second = await run(...argv).finally(() => delete process.env.FAULTLINE_CLUSTER_KEY_FILE);
    expect(second.code).toBe(0);
    expect(nodes.every((n) => n.exitCode === null)).toBe(true);
  }, 120_000);
});
