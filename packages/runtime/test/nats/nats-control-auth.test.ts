// Issue 20, items 2 and 3, against a real nats-server: an attacker with a plain NATS client and no key,
// on the same server as a keyed cluster. Before: `init`, `spawn` and `crash` answered anyone, a
// forged `[{t:'fatal'}]` report made the controller SIGKILL the node, and a captured request or batch
// could be replayed within a run, into the next run and into another cluster with the same key.
// Now control requests, replies and reports are sealed in a challenge–response session
// (control-seal.ts) and data seals carry the cluster, the run's nonce and a sequence number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { FrameAuth, packValue } from '@faultline/transport';
import { NatsCluster } from '../../src/index.ts';
import { decodeResult, encodeRequest } from '../../src/nats/control-wire.ts';
import { findNatsServer, NATS_SKIP_REASON, NatsServer } from '../../src/nats/testing/nats-server.ts';
import { nextEvent } from '../../src/workers/testing/wait.ts';
import { Echo } from '../fixtures/actors.ts';
import { Sink } from '../network/fixtures/actors.ts';

const MODULES = [new URL('../fixtures/actors.ts', import.meta.url).href, new URL('../network/fixtures/actors.ts', import.meta.url).href];
const KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
const available = findNatsServer() !== undefined;
if (!available) console.warn(NATS_SKIP_REASON);

/** Messages published on a subject, as a tap on the server sees them. */
function tap(nc: NatsConnection, subject: string): Uint8Array[] {
  const seen: Uint8Array[] = [];
  nc.subscribe(subject, { callback: (error, msg) => { if (!error) seen.push(msg.data.slice()); } });
  return seen;
}

describe.skipIf(!available)('a keyed NATS cluster and an attacker with a plain client (issue 20)', () => {
  let server: NatsServer;
  let attacker: NatsConnection;
  let lab: NatsCluster;
  beforeAll(async () => {
    server = await NatsServer.start();
    attacker = await connect({ servers: server.url });
    lab = await NatsCluster.start({ seed: 3, nodes: 2, cluster: 'lab', nats: { servers: server.url }, modules: MODULES, auth: { key: KEY } });
  }, 120_000);
  afterAll(async () => {
    await lab?.shutdown();
    await attacker?.close();
    await server?.stop();
  });

  /** Sends `bytes` as a control request to a node and returns what the node made of it. */
  async function control(cluster: string, node: string, bytes: Uint8Array): Promise<unknown> {
    const reply = await attacker.request(`faultline.${cluster}.ctl.${node}`, bytes, { timeout: 10_000 });
    return decodeResult(reply.data);
  }

  it.each([
    ['init without frame auth', 'init', [{ incarnation: 9, seed: 1, clusterNodes: ['n1'], originEpochMs: 0, network: undefined, networkUpdates: [], clock: undefined, clockFaults: [], stamping: undefined, boot: [], auth: undefined }]],
    ['spawn', 'spawn', ['intruder', 'test.echo', undefined]],
    ['crash', 'crash', []],
    ['configureNetwork', 'configureNetwork', [{ op: 'partition' }]],
  ])('refuses an unsealed %s, typed, reports it, and the node goes on', async (_what, op, args) => {
    const reported = nextEvent(lab, 'node-event', (e) => e.type === 'frame-rejected' && e.at === 'n1' && e.detail.startsWith('control request:'));
    await expect(control('lab', 'n1', encodeRequest({ op, args }))).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('missing-mac') });
    expect(await reported).toMatchObject({ reason: 'missing-mac' });
    expect(lab.isUp('n1')).toBe(true);
    const echo = await lab.spawn('n1', `echo-${op}`, Echo, undefined);
    expect(await lab.ask(echo, 'still', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'still' });
  }, 60_000);

  it('ignores a forged fatal report (counted and reported): the controller does not kill the node', async () => {
    const fatal = packValue([{ t: 'fatal', error: 'forged' }]).slice();
    const plain = nextEvent(lab, 'node-event', (e) => e.type === 'frame-rejected' && e.detail.startsWith('report in the name of n2'));
    attacker.publish('faultline.lab.report.n2', fatal);
    expect(await plain).toMatchObject({ at: 'driver', reason: 'missing-mac', from: 'n2' });
    // Sealed with a guessed key, in the control domain: no better.
    const guess = new FrameAuth({ key: Uint8Array.from({ length: 32 }, (_, i) => i + 1) }, ['n2', 'driver'], { cluster: 'ctl.lab', run: new Uint8Array(32), incarnation: 0 });
    const sealed = nextEvent(lab, 'node-event', (e) => e.type === 'frame-rejected' && e.detail.startsWith('report in the name of n2'));
    attacker.publish('faultline.lab.report.n2', guess.seal('n2', 'driver', fatal));
    expect(await sealed).toMatchObject({ at: 'driver', reason: 'bad-mac', from: 'n2' });
    expect(lab.controlRejections()).toMatchObject({ reports: 2, reasons: { 'missing-mac': 1, 'bad-mac': 1 } });
    expect(lab.isUp('n2')).toBe(true);
    const echo = await lab.spawn('n2', 'echo-after-fatal', Echo, undefined);
    expect(await lab.ask(echo, 'alive', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 'alive' });
  }, 60_000);

  it('refuses a captured control request replayed within the run (replayed)', async () => {
    const seen = tap(attacker, 'faultline.lab.ctl.n2');
    await attacker.flush();
    await lab.spawn('n2', 'sink-for-replay', Sink, undefined);
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(control('lab', 'n2', seen[0] as Uint8Array)).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('replayed') });
  }, 60_000);

  it('refuses a data batch replayed within the run (replayed) and in another cluster with the same key (bad-mac)', async () => {
    const lab2 = await NatsCluster.start({ seed: 3, nodes: 2, cluster: 'lab2', nats: { servers: server.url }, modules: MODULES, auth: { key: KEY } });
    try {
      const sink = await lab.spawn('n2', 'deposits', Sink, undefined);
      const sink2 = await lab2.spawn('n2', 'deposits', Sink, undefined);
      const seen = tap(attacker, 'faultline.lab.data.n2');
      await attacker.flush();
      lab.tell(sink, { seq: 1 });
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBeGreaterThan(0);
      const deposit = seen[0] as Uint8Array;
      const replayed = nextEvent(lab, 'node-event', (e) => e.type === 'frame-rejected' && e.reason === 'replayed');
      for (let i = 0; i < 3; i++) attacker.publish('faultline.lab.data.n2', deposit);
      expect(await replayed).toMatchObject({ at: 'n2', from: 'driver' });
      const crossed = nextEvent(lab2, 'node-event', (e) => e.type === 'frame-rejected');
      attacker.publish('faultline.lab2.data.n2', deposit);
      expect(await crossed).toMatchObject({ at: 'n2', reason: 'bad-mac' });
      expect(await lab.ask(sink, 'count', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 1 });
      expect(await lab2.ask(sink2, 'count', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 0 });
      // A sealed control request of cluster lab, sent to lab2's node: no session there opens it.
      const ctl = tap(attacker, 'faultline.lab.ctl.n1');
      await attacker.flush();
      await lab.snapshot('n1');
      await expect.poll(() => ctl.length, { timeout: 10_000 }).toBeGreaterThan(0);
      await expect(control('lab2', 'n1', ctl[0] as Uint8Array)).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('bad-mac') });
    } finally {
      await lab2.shutdown();
    }
  }, 120_000);

  it('refuses, in the next run, a control request and a batch captured in this one', async () => {
    const ctl = tap(attacker, 'faultline.again.ctl.n1');
    const data = tap(attacker, 'faultline.again.data.n1');
    await attacker.flush();
    const first = await NatsCluster.start({ seed: 5, nodes: 1, cluster: 'again', nats: { servers: server.url }, modules: MODULES, auth: { key: KEY } });
    const sink = await first.spawn('n1', 'sink', Sink, undefined);
    first.tell(sink, { seq: 1 });
    await expect.poll(() => data.length, { timeout: 10_000 }).toBeGreaterThan(0);
    await first.shutdown();
    const captured = { request: ctl[ctl.length - 1] as Uint8Array, batch: data[0] as Uint8Array };
    const second = await NatsCluster.start({ seed: 5, nodes: 1, cluster: 'again', nats: { servers: server.url }, modules: MODULES, auth: { key: KEY } });
    try {
      const sink2 = await second.spawn('n1', 'sink', Sink, undefined);
      await expect(control('again', 'n1', captured.request)).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringContaining('bad-mac') });
      const refused = nextEvent(second, 'node-event', (e) => e.type === 'frame-rejected');
      attacker.publish('faultline.again.data.n1', captured.batch);
      expect(await refused).toMatchObject({ at: 'n1', reason: 'bad-mac' });
      expect(await second.ask(sink2, 'count', { timeoutMs: 10_000 })).toEqual({ status: 'ok', value: 0 });
    } finally {
      await second.shutdown();
    }
  }, 120_000);
});
