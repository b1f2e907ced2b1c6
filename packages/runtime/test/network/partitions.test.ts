import { describe, expect, it } from 'vitest';
import { FaultNetwork } from '@faultline/transport';
import { Simulation } from '../../src/index.ts';
import { Echo, Relay } from '../fixtures/actors.ts';
import { Burst, Sink } from './fixtures/actors.ts';

async function cluster(seed: number) {
  const net = new FaultNetwork({ nodes: 3 });
  const sim = new Simulation({ seed, nodes: 3, network: net.attach });
  const relay1 = await sim.spawn('n1', 'relay', Relay, undefined);
  const relay2 = await sim.spawn('n2', 'relay', Relay, undefined);
  const echo1 = await sim.spawn('n1', 'echo', Echo, undefined);
  const echo2 = await sim.spawn('n2', 'echo', Echo, undefined);
  const echo3 = await sim.spawn('n3', 'echo', Echo, undefined);
  return { net, sim, relay1, relay2, echo1, echo2, echo3 };
}

describe('partitions in the simulator', () => {
  it('blocks exactly one direction across a one-way partition: asks n1->n2 end unknown, tells n2->n1 arrive', async () => {
    const { net, sim, relay1, relay2, echo1, echo2 } = await cluster(21);
    net.partitionOneWay('n1', 'n2');

    // n1 asks n2: the request never leaves n1, so the outcome is unknown (a timeout).
    const lost = await sim.ask(relay1, { to: echo2, message: 'hello', timeoutMs: 200 });
    expect(lost).toMatchObject({ status: 'ok', value: { status: 'unknown', reason: 'timeout' } });

    // n2 tells n1: every message arrives.
    const sink = await sim.spawn('n1', 'sink', Sink, undefined);
    const burst = await sim.spawn('n2', 'burst', Burst, undefined);
    sim.tell(burst, { to: sink, count: 100 });
    await sim.sleep(50);
    expect(await sim.ask(sink, 'count')).toEqual({ status: 'ok', value: 100 });

    // n2 asks n1: the request arrives and is handled, but the reply n1->n2 is lost, so the outcome is unknown too.
    const half = await sim.ask(relay2, { to: echo1, message: 'ping', timeoutMs: 200 });
    expect(half).toMatchObject({ status: 'ok', value: { status: 'unknown' } });
    expect(await sim.ask(echo1, 'count')).toEqual({ status: 'ok', value: 2 }); // 'ping' and this 'count'

    expect(net.counters.snapshot().links['n1->n2']?.dropReasons).toEqual({ partition: 2 });
    expect(net.counters.snapshot().links['n2->n1']?.dropped).toBe(0);
  });

  it('restores delivery when the link is healed', async () => {
    const { net, sim, relay1, echo2 } = await cluster(22);
    net.partition(['n1'], ['n2']);
    expect((await sim.ask(relay1, { to: echo2, message: 1, timeoutMs: 100 })).status).toBe('ok');
    expect(await sim.ask(relay1, { to: echo2, message: 1, timeoutMs: 100 })).toMatchObject({ value: { status: 'unknown' } });
    net.heal('n1', 'n2');
    expect(await sim.ask(relay1, { to: echo2, message: 2, timeoutMs: 100 })).toEqual({ status: 'ok', value: { status: 'ok', value: 2 } });
  });

  it('isolates a node from its peers but not from the driver', async () => {
    const { net, sim, relay1, echo3 } = await cluster(23);
    net.isolate('n3');
    expect(await sim.ask(echo3, 'direct', { timeoutMs: 100 })).toEqual({ status: 'ok', value: 'direct' });
    expect(await sim.ask(relay1, { to: echo3, message: 'via n1', timeoutMs: 100 })).toMatchObject({ value: { status: 'unknown' } });
    net.healAll();
    expect(await sim.ask(relay1, { to: echo3, message: 'via n1', timeoutMs: 100 })).toMatchObject({ value: { status: 'ok' } });
  });

  it('cuts the driver off only when it is named', async () => {
    const { net, sim, echo2 } = await cluster(24);
    net.partition(['driver'], ['n2']);
    expect((await sim.ask(echo2, 'x', { timeoutMs: 100 })).status).toBe('unknown');
    net.healAll();
    expect((await sim.ask(echo2, 'x', { timeoutMs: 100 })).status).toBe('ok');
  });
});
