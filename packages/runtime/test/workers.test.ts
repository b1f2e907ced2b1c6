import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { address, ConfigError, defineActor, EncodeError, type Address, type AskOutcome, type ClockStamps } from '@faultline/core';
import { encodeEnvelope, FAULT_NETWORK_MODULE, FaultNetwork, forwardUpdates, FrameBatch, networkPresets } from '@faultline/transport';
import { DRIVER_NODE, NodeDownError, UnknownKindError, WorkerCluster, type WorkerClusterConfig } from '../src/index.ts';
import { Doomed, Escalating, NODE_KILLERS_MODULE } from '../src/workers/testing/node-killers.ts';
import { Probe, PROBE_MODULE } from '../src/workers/testing/probe.ts';
import { SWITCHABLE_NETWORK_MODULE } from '../src/workers/testing/switchable-network.ts';
import { nextEvent, until } from '../src/workers/testing/wait.ts';
import { Echo, Fragile, Relay, Slow } from './fixtures/actors.ts';

const TEST_ACTORS = new URL('./fixtures/actors.ts', import.meta.url).href;
const modules = [TEST_ACTORS, NODE_KILLERS_MODULE, PROBE_MODULE];

function start(config: Partial<WorkerClusterConfig> = {}): Promise<WorkerCluster> {
  return WorkerCluster.start({ seed: 7, nodes: 3, modules, ...config });
}

describe('the worker runtime: asks across workers end in exactly one of three outcomes', () => {
  let cluster: WorkerCluster;
  beforeAll(async () => { cluster = await start(); });
  afterAll(() => cluster.shutdown());

  it('answers ok with the reply value, from the driver and from an actor on another worker', async () => {
    const echo = await cluster.spawn('n3', 'echo', Echo, undefined);
    const relay = await cluster.spawn('n1', 'relay', Relay, undefined);
    expect(await cluster.ask(echo, { hello: ['world', 1n] })).toEqual({ status: 'ok', value: { hello: ['world', 1n] } });
    expect(await cluster.ask(relay, { to: echo, message: 42 })).toEqual({ status: 'ok', value: { status: 'ok', value: 42 } });
  });

  it('fails definitely for a missing actor and for a Rejection', async () => {
    const outcome = await cluster.ask(address('n2', 'nobody'), 'hi');
    expect(outcome).toMatchObject({ status: 'failed', code: 'unknown-actor' });
    const fragile = await cluster.spawn('n2', 'fragile', Fragile, undefined);
    expect(await cluster.ask(fragile, 'no')).toMatchObject({ status: 'failed', code: 'refused', message: 'I will not' });
  });

  it('ends unknown (timeout) when no reply comes within the ask timeout', async () => {
    const slow = await cluster.spawn('n2', 'slow', Slow, undefined);
    const outcome = await cluster.ask(slow, { delayMs: 60_000, value: 1 }, { timeoutMs: 50 });
    expect(outcome).toEqual({ status: 'unknown', reason: 'timeout', message: 'no reply from slow@n2 within 50 ms' });
  });

  it('throws a typed EncodeError at the sender, before anything goes on the wire', async () => {
    const echo = address('n3', 'echo');
    const before = (await cluster.wireStats(DRIVER_NODE)).sent;
    expect(() => cluster.tell(echo, { callback: () => 1 })).toThrow(EncodeError);
    expect(() => cluster.ask(echo, new Map())).toThrow(/Map; messages must be plain/);
    expect((await cluster.wireStats(DRIVER_NODE)).sent).toBe(before);
  });

  it('counts, reports and drops a malformed frame, and the node keeps serving (even the rest of that batch)', async () => {
    const echo = await cluster.spawn('n1', 'echo1', Echo, undefined);
    const reported = nextEvent(cluster, 'node-event', (e) => e.type === 'malformed-frame' && e.at === 'n1');
    const batch = new FrameBatch();
    batch.append(new Uint8Array([0x93, 0xc1, 0xff]));
    batch.append(encodeEnvelope({ from: address(DRIVER_NODE, 'client'), to: echo, kind: 'tell', id: 1, payload: 'after the bad frame' }));
    cluster.injectRawBatch('n1', batch.take());
    expect(await reported).toMatchObject({ type: 'malformed-frame', node: 'n1' });
    expect(await cluster.ask(echo, 'count')).toEqual({ status: 'ok', value: 2 });
    expect((await cluster.wireStats('n1')).malformed).toBe(1);
  });

  it('gives each node the seeded stream a simulated node would get, and one clock for all nodes', async () => {
    const probe = await cluster.spawn('n2', 'probe', Probe, undefined);
    const before = cluster.now();
    const outcome = await cluster.ask<number>(probe, 'now');
    const after = cluster.now();
    expect(outcome.status === 'ok' && outcome.value).toBeGreaterThanOrEqual(before);
    expect(outcome.status === 'ok' && outcome.value).toBeLessThanOrEqual(after);
    expect(await cluster.ask(probe, 'nodes')).toEqual({ status: 'ok', value: ['n1', 'n2', 'n3'] });
  });

  it('restarts a failing actor in its worker with fresh state and reports the failure', async () => {
    const f = await cluster.spawn('n1', 'f', Fragile, undefined);
    expect(await cluster.ask(f, 'a')).toEqual({ status: 'ok', value: 1 });
    expect(await cluster.ask(f, 'a')).toEqual({ status: 'ok', value: 2 });
    const failed = nextEvent(cluster, 'node-event', (e) => e.type === 'actor-failed' && e.actor.name === 'f');
    const restarted = nextEvent(cluster, 'node-event', (e) => e.type === 'actor-restarted' && e.actor.name === 'f');
    expect(await cluster.ask(f, 'boom')).toMatchObject({ status: 'unknown', reason: 'crashed' });
    expect(await failed).toMatchObject({ action: 'restart', backoffMs: 10, at: 'n1' });
    await restarted;
    expect(await cluster.ask(f, 'a')).toEqual({ status: 'ok', value: 1 });
  });

  it('holds deliveries to a paused node and releases them on resume', async () => {
    const echo = await cluster.spawn('n2', 'held', Echo, undefined);
    const elsewhere = await cluster.spawn('n3', 'elsewhere', Echo, undefined);
    const delivered = (await cluster.wireStats('n2')).delivered;
    await cluster.pause('n2');
    expect((await cluster.snapshot('n2')).paused).toBe(true);
    let settled = false;
    const pending = cluster.ask(echo, 'held', { timeoutMs: 20_000 }).finally(() => { settled = true; });
    // The ask has provably reached the node (decoded and handed over) ...
    await until(async () => (await cluster.wireStats('n2')).delivered > delivered);
    // ... and a full round trip elsewhere later, it is still unanswered.
    expect(await cluster.ask(elsewhere, 'ping')).toEqual({ status: 'ok', value: 'ping' });
    expect(settled).toBe(false);
    await cluster.resume('n2');
    expect(await pending).toEqual({ status: 'ok', value: 'held' });
  });
});

describe('the worker runtime: clocks', () => {
  let cluster: WorkerCluster | undefined;
  afterEach(async () => { await cluster?.shutdown(); cluster = undefined; });

  /** The probe's clock reading, bracketed by the true time before and after the ask. */
  async function reading(c: WorkerCluster, probe: Address): Promise<{ before: number; value: number; after: number }> {
    const before = c.now();
    const outcome = await c.ask<number>(probe, 'now');
    const after = c.now();
    if (outcome.status !== 'ok') throw new Error(`probe answered ${outcome.status}`);
    return { before, value: outcome.value, after };
  }

  /** Whether the controller's replica of a node's clock reads true time + offset, bracketed by two true-time reads. */
  function clockBracket(c: WorkerCluster, node: string, offset = 50): { low: boolean; high: boolean; offset: number } {
    const before = c.now();
    const reading = c.clockOf(node);
    const after = c.now();
    return { low: reading >= before + offset, high: reading <= after + offset, offset };
  }

  it('gives each node its configured skewed clock as ctx.now(), applies faults in the worker, and keeps them across restarts', async () => {
    const c = (cluster = await start({ nodes: 2, clocks: { n1: { offsetMs: 50, driftPpm: 0 } } }));
    const probe = await c.spawn('n1', 'probe', Probe, undefined);
    let r = await reading(c, probe);
    expect(r.value).toBeGreaterThanOrEqual(r.before + 50);
    expect(r.value).toBeLessThanOrEqual(r.after + 50);
    expect(clockBracket(c, 'n1')).toEqual({ low: true, high: true, offset: 50 });
    await c.clockFault('n1', { kind: 'bump', deltaMs: -300 });
    r = await reading(c, probe);
    expect(r.value).toBeGreaterThanOrEqual(r.before - 250);
    expect(r.value).toBeLessThanOrEqual(r.after - 250);
    await c.crash('n1');
    expect(clockBracket(c, 'n1', -250)).toEqual({ low: true, high: true, offset: -250 });
    await c.restart('n1');
    r = await reading(c, probe);
    expect(r.value).toBeGreaterThanOrEqual(r.before - 250);
    expect(r.value).toBeLessThanOrEqual(r.after - 250);
  });

  it('stamps every envelope with Lamport and HLC, and a node learns a faster clock through them', async () => {
    const c = (cluster = await start({ nodes: 2, clocks: { n1: { offsetMs: 80, driftPpm: 0 } } }));
    const onN2 = await c.spawn('n2', 'probe', Probe, undefined);
    const relay = await c.spawn('n1', 'relay', Relay, undefined);
    const before = c.now();
    const relayed = await c.ask<AskOutcome<ClockStamps>>(relay, { to: onN2, message: 'stamps' });
    const stamps = relayed.status === 'ok' && relayed.value.status === 'ok' ? relayed.value.value : undefined;
    expect(stamps?.lamport).toBeGreaterThanOrEqual(1);
    expect(stamps?.hlc).toEqual({ l: expect.any(Number), c: expect.any(Number) });
    const hlc = await c.ask<{ l: number }>(onN2, 'hlc');
    const after = c.now();
    // n2's own clock reads true time, yet its HLC carries n1's +80 ms, learned from the relay's stamps.
    expect(hlc.status === 'ok' && hlc.value.l).toBeGreaterThanOrEqual(Math.floor(before + 80));
    expect(hlc.status === 'ok' && hlc.value.l).toBeLessThanOrEqual(after + 80);
  });

  it('refuses a message whose HLC is further ahead than the configured max offset', async () => {
    const c = (cluster = await start({ nodes: 2, clocks: { n1: { offsetMs: 500, driftPpm: 0 } }, stamping: { hlcMaxOffsetMs: 100 } }));
    const onN2 = await c.spawn('n2', 'echo', Echo, undefined);
    const relay = await c.spawn('n1', 'relay', Relay, undefined);
    expect(await c.ask(relay, { to: onN2, message: 1 })).toMatchObject({ status: 'ok', value: { status: 'failed', code: 'clock-skew' } });
  });
});

describe('the worker runtime: spawning', () => {
  let cluster: WorkerCluster;
  beforeAll(async () => { cluster = await start({ nodes: 1 }); });
  afterAll(() => cluster.shutdown());

  it('rejects a kind no configured module exports, saying to add the module', async () => {
    const Stranger = defineActor({ kind: 'test.stranger', setup: Echo.setup });
    const attempt = cluster.spawn('n1', 'x', Stranger, undefined);
    await expect(attempt).rejects.toBeInstanceOf(UnknownKindError);
    await expect(attempt).rejects.toThrow(/no actor kind 'test.stranger'.*add the module .* to WorkerClusterConfig.modules/);
    await expect(cluster.spawn('n1', 'x', { kind: 'test.echo', setup: Echo.setup }, undefined)).rejects.toBeInstanceOf(ConfigError);
  });

  it('rejects props that cannot cross to a worker, and a duplicate name', async () => {
    await expect(cluster.spawn('n1', 'p', Echo, (() => 1) as never)).rejects.toThrow(/props must survive structured clone/);
    await cluster.spawn('n1', 'twice', Echo, undefined);
    await expect(cluster.spawn('n1', 'twice', Echo, undefined)).rejects.toThrow(/already runs on node n1/);
  });

  it('rejects bad config with an error naming the field', async () => {
    await expect(WorkerCluster.start({ nodes: 1, modules: ['./actors.ts'] })).rejects.toThrow(/modules\[0\] must be a file URL or an absolute path/);
    await expect(WorkerCluster.start({ nodes: 0, modules })).rejects.toThrow(/nodes must be between 1 and 1000, got 0/);
  });
});

describe('the worker runtime: node death', () => {
  let cluster: WorkerCluster | undefined;
  afterEach(async () => { await cluster?.shutdown(); cluster = undefined; });

  it.each([
    ['throws an uncaught error', { throwUncaught: 'kaboom' }, /uncaught Error: kaboom/],
    ['calls process.exit', { exit: 7 }, /exited with code 7/],
  ] as const)('reports a worker that %s as down, and restarts it fresh', async (_what, doom, reason) => {
    const c = (cluster = await start({ nodes: 2 }));
    const doomed = await c.spawn('n2', 'doomed', Doomed, undefined);
    const f = await c.spawn('n2', 'f', Fragile, undefined);
    expect(await c.ask(f, 'a')).toEqual({ status: 'ok', value: 1 });
    const down = nextEvent(c, 'node-down');
    c.tell(doomed, doom);
    expect(await down).toMatchObject({ node: 'n2', reason: expect.stringMatching(reason) });
    expect(c.isUp('n2')).toBe(false);
    await expect(c.snapshot('n2')).rejects.toBeInstanceOf(NodeDownError);
    // The driver heard n2 is down: the ask is not sent and fails definitely, at once (issue 9).
    expect(await c.ask(f, 'a', { timeoutMs: 60_000 })).toMatchObject({ status: 'failed', code: 'node-down' });
    const up = nextEvent(c, 'node-up');
    await c.restart('n2');
    expect(await up).toEqual({ node: 'n2', incarnation: 1 });
    expect(await c.ask(f, 'a')).toEqual({ status: 'ok', value: 1 });
  });

  it('takes a node down as fatal when a failure escalates past the top', async () => {
    const c = (cluster = await start({ nodes: 1 }));
    const e = await c.spawn('n1', 'e', Escalating, undefined);
    const down = nextEvent(c, 'node-down');
    c.tell(e, 'boom');
    expect(await down).toEqual({ node: 'n1', reason: 'fatal: Error: escalated on purpose' });
    await c.restart('n1');
    expect(await c.ask(e, 'still here')).toEqual({ status: 'ok', value: 'still here' });
  });

  it('loses in-memory state on crash, drops traffic to the node, and reconnects every peer on restart', async () => {
    const c = (cluster = await start());
    const f = await c.spawn('n2', 'f', Fragile, undefined);
    const relay = await c.spawn('n3', 'relay', Relay, undefined);
    await c.ask(f, 'a');
    expect(await c.ask(relay, { to: f, message: 'a' })).toEqual({ status: 'ok', value: { status: 'ok', value: 2 } });
    const down = nextEvent(c, 'node-down');
    await c.crash('n2');
    expect(await down).toEqual({ node: 'n2', reason: 'crashed' });
    expect(await c.ask(relay, { to: f, message: 'a', timeoutMs: 50 })).toMatchObject({ status: 'ok', value: { status: 'unknown', reason: 'timeout' } });
    await c.restart('n2');
    expect(await c.ask(relay, { to: f, message: 'a' })).toEqual({ status: 'ok', value: { status: 'ok', value: 1 } });
    expect((await c.snapshot('n2')).incarnation).toBe(1);
  });

  it('settles the driver\'s outstanding asks as unknown (shutdown) when the cluster shuts down', async () => {
    const c = await start({ nodes: 1 });
    const slow = await c.spawn('n1', 'slow', Slow, undefined);
    const pending = c.ask(slow, { delayMs: 60_000, value: 1 }, { timeoutMs: 60_000 });
    await until(async () => (await c.wireStats('n1')).delivered > 0);
    await c.shutdown();
    expect(await pending).toMatchObject({ status: 'unknown', reason: 'shutdown' });
  });
});

describe('the worker runtime: the network seam', () => {
  let cluster: WorkerCluster | undefined;
  afterEach(async () => { await cluster?.shutdown(); cluster = undefined; });

  it('routes every remote frame through each sender\'s link layer, reconfigured at run time and replayed on restart', async () => {
    const c = (cluster = await start({ network: { module: SWITCHABLE_NETWORK_MODULE, export: 'switchableNetwork', options: { delayMs: 2 } } }));
    const echo = await c.spawn('n2', 'echo', Echo, undefined);
    const relay = await c.spawn('n3', 'relay', Relay, undefined);
    expect(await c.ask(relay, { to: echo, message: 1 })).toEqual({ status: 'ok', value: { status: 'ok', value: 1 } });
    await c.configureNetwork({ blocked: [['n3', 'n2']] });
    expect(await c.ask(relay, { to: echo, message: 2, timeoutMs: 50 })).toMatchObject({ status: 'ok', value: { status: 'unknown' } });
    expect(await c.ask(echo, 3)).toEqual({ status: 'ok', value: 3 });
    expect((await c.wireStats('n3')).dropped).toBe(1);
    await c.restart('n3');
    expect(await c.ask(relay, { to: echo, message: 4, timeoutMs: 50 })).toMatchObject({ status: 'ok', value: { status: 'unknown' } });
    await c.configureNetwork({ blocked: [] });
    expect(await c.ask(relay, { to: echo, message: 5 })).toEqual({ status: 'ok', value: { status: 'ok', value: 5 } });
  });

  it('accepts the simulator\'s own factories by module and export, and refuses updates a layer cannot take', async () => {
    const fixedLatency = new URL('../src/sim/fixed-latency.ts', import.meta.url).href;
    const c = (cluster = await start({ nodes: 2, network: { module: fixedLatency, export: 'fixedLatency', options: 1 } }));
    const echo = await c.spawn('n2', 'echo', Echo, undefined);
    expect(await c.ask(echo, 'through a 1 ms link')).toEqual({ status: 'ok', value: 'through a 1 ms link' });
    await expect(c.configureNetwork({ anything: true })).rejects.toThrow(/apply\(update\)/);
  });

  it('mirrors a FaultNetwork controller in every worker: a partition cuts a node off, healing restores it', async () => {
    const options = { nodes: 3, ...networkPresets.lan };
    const c = (cluster = await start({ network: { module: FAULT_NETWORK_MODULE, export: 'faultNetwork', options } }));
    const controller = new FaultNetwork(options);
    const forwarded: Promise<void>[] = [];
    const stop = forwardUpdates(controller, (update) => forwarded.push(c.configureNetwork(update)));
    const echo = await c.spawn('n2', 'echo', Echo, undefined);
    const relay = await c.spawn('n3', 'relay', Relay, undefined);
    expect(await c.ask(relay, { to: echo, message: 1 })).toEqual({ status: 'ok', value: { status: 'ok', value: 1 } });
    controller.isolate('n2');
    await Promise.all(forwarded);
    expect(await c.ask(relay, { to: echo, message: 2, timeoutMs: 50 })).toMatchObject({ status: 'ok', value: { status: 'unknown', reason: 'timeout' } });
    expect(await c.ask(echo, 'the driver is not cut off')).toEqual({ status: 'ok', value: 'the driver is not cut off' });
    controller.healAll();
    await Promise.all(forwarded);
    expect(await c.ask(relay, { to: echo, message: 3 })).toEqual({ status: 'ok', value: { status: 'ok', value: 3 } });
    stop();
  });

  it('names the bad field when the network module does not export the factory', async () => {
    await expect(start({ network: { module: SWITCHABLE_NETWORK_MODULE, export: 'nope' } })).rejects.toThrow(/network.export must name a function/);
  });
});
