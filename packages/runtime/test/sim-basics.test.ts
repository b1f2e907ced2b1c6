import { describe, expect, it } from 'vitest';
import { address, EncodeError, type NodeEvent } from '@faultline/core';
import { Simulation } from '../src/index.ts';
import { Echo, Fragile, Relay, Slow } from './fixtures/actors.ts';

describe('the simulator: asks end in exactly one of three outcomes', () => {
  it('answers ok with the reply value', async () => {
    const sim = new Simulation({ seed: 1, nodes: 3 });
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    expect(await sim.ask(echo, { hello: 'world' })).toEqual({ status: 'ok', value: { hello: 'world' } });
  });

  it('fails definitely when the target actor does not exist', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const outcome = await sim.ask(address('n2', 'nobody'), 'hi');
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.code).toBe('unknown-actor');
  });

  it('ends unknown when no reply comes within the timeout, at exactly the timeout in virtual time', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const slow = await sim.spawn('n2', 'slow', Slow, undefined);
    const start = sim.now();
    const outcome = await sim.ask(slow, { delayMs: 5000, value: 1 }, { timeoutMs: 100 });
    expect(outcome.status).toBe('unknown');
    expect(sim.now() - start).toBe(100);
  });

  it('answers a Rejection with a definite failure carrying its code', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const fragile = await sim.spawn('n1', 'f', Fragile, undefined);
    const outcome = await sim.ask(fragile, 'no');
    expect(outcome).toMatchObject({ status: 'failed', code: 'refused' });
  });

  it('lets an actor ask another node and await the outcome inside its handler', async () => {
    const sim = new Simulation({ seed: 1, nodes: 3 });
    const echo = await sim.spawn('n3', 'echo', Echo, undefined);
    const relay = await sim.spawn('n1', 'relay', Relay, undefined);
    const outcome = await sim.ask(relay, { to: echo, message: 42 });
    expect(outcome).toEqual({ status: 'ok', value: { status: 'ok', value: 42 } });
    // driver -> n1 (1 ms), n1 -> n3 (1 ms), n3 -> n1 (1 ms), n1 -> driver (1 ms)
    expect(sim.now()).toBe(4);
  });

  it('fails an ask to a node the cluster reported down at once, without sending it', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    await sim.crash('n2');
    expect(await sim.ask(echo, 'x', { timeoutMs: 50 })).toMatchObject({ status: 'failed', code: 'node-down' });
  });
});

describe('the simulator: bad input', () => {
  it('throws a typed EncodeError at the sender for a payload that cannot go on the wire', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    expect(() => sim.tell(echo, { callback: () => 1 })).toThrow(EncodeError);
    expect(() => sim.tell(echo, new Map())).toThrow(/Map; messages must be plain/);
    expect(sim.stats.sent).toBe(0);
  });

  it('counts, reports and drops a malformed frame, and the node keeps serving', async () => {
    let corruptNext = true;
    const sim = new Simulation({
      seed: 1, nodes: 2,
      network: () => ({
        route: (p) => {
          if (corruptNext && p.to === 'n2') {
            corruptNext = false;
            return { deliveries: [{ delayMs: 1, bytes: new Uint8Array([0x93, 0xc1, 0xff]) }] };
          }
          return { deliveries: [{ delayMs: 1, bytes: p.bytes }] };
        },
      }),
    });
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    sim.tell(echo, 'lost to corruption');
    expect(await sim.ask(echo, 'still here')).toEqual({ status: 'ok', value: 'still here' });
    expect(sim.stats.malformed).toBe(1);
    expect(events.filter((e) => e.type === 'malformed-frame')).toHaveLength(1);
  });

  it('rejects a bad node list with an error naming the field', () => {
    expect(() => new Simulation({ seed: 1, nodes: 0 })).toThrow(/nodes must be between 1 and 1000, got 0/);
    expect(() => new Simulation({ seed: 1, nodes: ['a', 'a'] })).toThrow(/nodes\[\] must be unique/);
  });
});

describe('the simulator: supervision', () => {
  it('restarts a failing actor with fresh state after a backoff and reports the failure', async () => {
    const sim = new Simulation({ seed: 1, nodes: 1 });
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    const f = await sim.spawn('n1', 'f', Fragile, undefined);
    expect(await sim.ask(f, 'a')).toEqual({ status: 'ok', value: 1 });
    expect(await sim.ask(f, 'a')).toEqual({ status: 'ok', value: 2 });
    const crashed = await sim.ask(f, 'boom');
    expect(crashed.status).toBe('unknown');
    expect(events.find((e) => e.type === 'actor-failed')).toMatchObject({ action: 'restart', backoffMs: 10 });
    await sim.sleep(20);
    expect(events.some((e) => e.type === 'actor-restarted')).toBe(true);
    expect(await sim.ask(f, 'a')).toEqual({ status: 'ok', value: 1 });
  });

  it('answers asks during the backoff with a definite failure', async () => {
    const sim = new Simulation({ seed: 1, nodes: 1 });
    const f = await sim.spawn('n1', 'f', Fragile, undefined);
    sim.tell(f, 'boom');
    await sim.sleep(2);
    expect(await sim.ask(f, 'a')).toMatchObject({ status: 'failed', code: 'actor-restarting' });
  });
});

describe('the simulator: node faults', () => {
  it('loses in-memory state on crash and starts boot actors fresh on restart', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const f = await sim.spawn('n2', 'f', Fragile, undefined);
    await sim.ask(f, 'a');
    expect(await sim.ask(f, 'a')).toEqual({ status: 'ok', value: 2 });
    await sim.crash('n2');
    expect(sim.isUp('n2')).toBe(false);
    await sim.restart('n2');
    expect(await sim.ask(f, 'a')).toEqual({ status: 'ok', value: 1 });
  });

  it('holds messages to a paused node and delivers them on resume', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    await sim.pause('n2');
    const pending = sim.ask(echo, 'held', { timeoutMs: 1000 });
    await sim.sleep(500);
    await sim.resume('n2');
    expect(await pending).toEqual({ status: 'ok', value: 'held' });
    expect(sim.now()).toBeGreaterThanOrEqual(500);
  });
});

describe('the simulator: the wire', () => {
  it('hands the receiver a copy, never the sender\'s object', async () => {
    const sim = new Simulation({ seed: 1, nodes: 2 });
    const echo = await sim.spawn('n2', 'echo', Echo, undefined);
    const sent = { list: [1, 2] };
    const outcome = await sim.ask<{ list: number[] }>(echo, sent);
    expect(outcome.status === 'ok' && outcome.value).toEqual(sent);
    expect(outcome.status === 'ok' && outcome.value).not.toBe(sent);
  });

  it('gives the same results with full msgpack encoding as with cloning', async () => {
    for (const wire of ['clone', 'msgpack'] as const) {
      const sim = new Simulation({ seed: 3, nodes: 3, wire });
      const echo = await sim.spawn('n3', 'echo', Echo, undefined);
      const relay = await sim.spawn('n1', 'relay', Relay, undefined);
      expect(await sim.ask(relay, { to: echo, message: { big: 2n ** 60n, when: new Date(5) } }))
        .toEqual({ status: 'ok', value: { status: 'ok', value: { big: 2n ** 60n, when: new Date(5) } } });
      expect(sim.stats.delivered).toBe(4);
    }
  });
});
