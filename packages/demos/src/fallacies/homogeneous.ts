import { WIRE_VERSION, encodeEnvelope } from '@faultline/transport';
import type { ActorName, NodeEvent, NodeId } from '@faultline/core';
import { quantile } from '../render/histogram.ts';
import { Counter, Echo, Pinger, type CounterReport, type PingReport } from './actors.ts';
import { withRig } from './rig.ts';
import type { FallacyScene } from './scene.ts';

/** p50/p99 of waiting for `need` of three replicas, one of them slow. */
async function quorumWait(seed: number, need: number): Promise<{ p50: number; p99: number }> {
  return withRig(seed, 4, async ({ sim }) => {
    const targets = [
      await sim.spawn('n2', 'replica', Echo, { serviceMs: 1 }),
      await sim.spawn('n3', 'replica', Echo, { serviceMs: 1 }),
      await sim.spawn('n4', 'replica', Echo, { serviceMs: 60 }),
    ];
    const pinger = await sim.spawn('n1', 'client', Pinger, undefined);
    const r = await sim.ask<PingReport>(pinger, { targets, count: 100, need, timeoutMs: 1_000 }, { timeoutMs: 120_000 });
    const rounds = r.status === 'ok' ? r.value.rounds : [];
    return { p50: quantile(rounds, 0.5), p99: quantile(rounds, 0.99) };
  });
}

/** A node built from an older release sends a frame in the previous wire version; the receiver says what it is. */
async function olderWire(seed: number): Promise<{ errors: string[]; counted: number }> {
  return withRig(seed, 2, async ({ sim }) => {
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    const sink = await sim.spawn('n2', 'sink', Counter, undefined);
    const frame = encodeEnvelope({ from: { node: 'n1' as NodeId, name: 'old' as ActorName }, to: sink, kind: 'tell', id: 1, payload: { n: 1, sentAt: 0 } });
    frame[0] = WIRE_VERSION - 1; // the header's first byte is the wire version
    sim.injectFrame('n2', frame);
    sim.tell(sink, { n: 2, sentAt: sim.now() }); // a current-version message right after
    await sim.sleep(10);
    const r = await sim.ask<CounterReport>(sink, 'report');
    return { errors: events.flatMap((e) => (e.type === 'malformed-frame' ? [e.error] : [])), counted: r.status === 'ok' ? r.value.count : -1 };
  });
}

/** "The network is homogeneous": a slow node, and a node speaking an older wire version. */
export const homogeneousScene: FallacyScene = {
  name: 'homogeneous',
  fallacy: 'the network is homogeneous',
  async run(seed) {
    const all = await quorumWait(seed, 3);
    const two = await quorumWait(seed, 2);
    const old = await olderWire(seed);
    return [
      'n1 asks three replicas; n4 is an older machine that takes 60 ms where the others take 1 ms.',
      `  wait for all three:  p50 ${all.p50.toFixed(1)} ms, p99 ${all.p99.toFixed(1)} ms — the slowest node sets the pace`,
      `  wait for any two:    p50 ${two.p50.toFixed(1)} ms, p99 ${two.p99.toFixed(1)} ms — a quorum hides it`,
      `A node of an older release sends n2 a frame in wire version ${WIRE_VERSION - 1} (this build speaks ${WIRE_VERSION}):`,
      ...old.errors.map((e) => `  n2 refused it: ${e}`),
      `  and went on: ${old.counted} message(s) of the current version delivered after it, none from the old frame.`,
    ];
  },
};
