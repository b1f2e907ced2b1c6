/** Running a real nats-server for tests and benches: loopback only, a free port, stopped by the caller. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/** Where nats-server is (`$NATS_SERVER`, the PATH, or Debian's /usr/sbin), or undefined when absent. */
export function findNatsServer(): string | undefined {
  const candidates = [process.env.NATS_SERVER, '/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server'];
  for (const c of candidates) if (c && existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v nats-server'], { encoding: 'utf8' });
  const found = which.stdout.trim();
  return which.status === 0 && found !== '' ? found : undefined;
}

/** Why NATS tests skip when the server is missing: printed, never silent. */
export const NATS_SKIP_REASON = 'nats-server not found (install the Debian package nats-server, or set $NATS_SERVER): skipping the NATS runtime tests';

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A nats-server child process on 127.0.0.1. */
export class NatsServer {
  readonly port: number;
  readonly url: string;
  private readonly binary: string;
  private readonly extraArgs: readonly string[];
  private child: ChildProcess | undefined;

  private constructor(binary: string, port: number, extraArgs: readonly string[]) {
    this.binary = binary;
    this.port = port;
    this.url = `nats://127.0.0.1:${port}`;
    this.extraArgs = extraArgs;
  }

  /** Starts a server on a free loopback port; resolves when it accepts clients. */
  static async start(extraArgs: readonly string[] = []): Promise<NatsServer> {
    const binary = findNatsServer();
    if (!binary) throw new Error(NATS_SKIP_REASON);
    const server = new NatsServer(binary, await freePort(), extraArgs);
    await server.restart();
    return server;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** Starts the server again on the same port (after `stop`). */
  restart(): Promise<void> {
    if (this.child) return Promise.resolve();
    const child = spawn(this.binary, ['-a', '127.0.0.1', '-p', String(this.port), ...this.extraArgs], { stdio: ['ignore', 'ignore', 'pipe'] });
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      let log = '';
      const timer = setTimeout(() => reject(new Error(`nats-server did not become ready on port ${this.port}: ${log}`)), 10_000);
      child.stderr?.on('data', (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes('Server is ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        if (this.child === child) this.child = undefined;
        clearTimeout(timer);
        reject(new Error(`nats-server exited with code ${code}: ${log}`));
      });
    });
  }

  /** Stops the server (SIGTERM, SIGKILL after 5 s); resolves when it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}
