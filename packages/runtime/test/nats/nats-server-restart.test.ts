// Issue 13, item 5: the NATS server stopped and restarted mid-run. Asks in flight end `unknown`,
// control calls fail typed instead of hanging, and the node processes reconnect and serve again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NatsCluster } from '../../src/index.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { Echo, Slow } from '../fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href];
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

describe.skipIf(!available)('a NATS server restart under a running cluster', () => {
  let server: NatsServer;
  let cluster: NatsCluster | undefined;
  beforeAll(async () => {
    server = await NatsServer.start();
  });
  afterAll(async () => {
    await cluster?.shutdown();
    await server?.stop();
  });

  it('ends in-flight asks unknown, fails control calls typed, and serves again after the server is back', async () => {
    const c = (cluster = await NatsCluster.start({ seed: 2, nodes: 2, cluster: 'restart', nats: { servers: server.url }, modules: MODULES, callTimeoutMs: 1_000 }));
    const echo = await c.spawn('n2', 'echo', Echo, undefined);
    const slow = await c.spawn('n1', 'slow', Slow, undefined);
    expect(await c.ask(echo, 'before', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'before' });

    // Replies to these would come after the server is gone.
    const inFlight = [c.ask(slow, { delayMs: 300, value: 'late' }, { timeoutMs: 1_000 }), c.ask(slow, { delayMs: 300, value: 'late' }, { timeoutMs: 1_000 })];
    const reconnected = (async () => {
      for await (const s of c.natsStatus()) if (s.type === 'reconnect') return;
    })();
    await server.stop();
    const stoppedAt = Date.now();
    const sentDuringOutage = c.ask(echo, 'during', { timeoutMs: 1_000 });
    await expect(c.snapshot('n2')).rejects.toThrow(/node n2 is down; cannot take a snapshot/);
    for (const outcome of await Promise.all([...inFlight, sentDuringOutage])) expect(outcome).toMatchObject({ status: 'unknown', reason: 'timeout' });

    await server.restart();
    const restartedAt = Date.now();
    await reconnected;
    // The nodes reconnect on their own; the first answered ask shows the whole path is back.
    await expect.poll(async () => (await c.ask(echo, 'after', { timeoutMs: 500 })).status, { timeout: 15_000, interval: 50 }).toBe('ok');
    const servingAt = Date.now();
    console.log(`NATS server down ${restartedAt - stoppedAt} ms; serving again ${servingAt - restartedAt} ms after its restart`);
    expect(await c.snapshot('n2')).toMatchObject({ node: 'n2' });
    expect(c.isUp('n1') && c.isUp('n2')).toBe(true);
  }, 120_000);
});
