import { describe, expect, it } from 'vitest';
import { createRng, type NodeId } from '@faultline/core';
import { FaultNetwork, fault, networkPresets, select, type Packet } from '../src/index.ts';

const packet = (from: string, to: string): Packet => ({ from: from as NodeId, to: to as NodeId, bytes: new Uint8Array(8) });
const links = [['n1', 'n2'], ['n2', 'n1'], ['n1', 'n3'], ['n1', 'n2']] as const;

// The simulator takes routeOnce for every frame of a healthy network (issue 27 item 2): it must be
// route without the decision object, or else nothing at all, or seeded runs would change.
describe("the fault network's routeOnce fast path", () => {
  it('gives the delays route gives, with the same draws and counts, while no rule or partition exists', () => {
    const viaRoute = new FaultNetwork({ nodes: 3, ...networkPresets.lan }, createRng(5));
    const viaOnce = new FaultNetwork({ nodes: 3, ...networkPresets.lan }, createRng(5));
    for (let i = 0; i < 40; i++) {
      const [from, to] = links[i % links.length] as readonly [string, string];
      const now = i * 0.3;
      const decision = viaRoute.route(packet(from, to), now);
      expect(decision.deliveries).toHaveLength(1);
      expect(viaOnce.routeOnce(packet(from, to), now)).toBe(decision.deliveries[0]?.delayMs);
    }
    expect(viaOnce.counters.snapshot()).toEqual(viaRoute.counters.snapshot());
  });

  it('declines (-1), drawing and counting nothing, under a rule or a partition', () => {
    const viaRoute = new FaultNetwork({ nodes: 3, ...networkPresets.lan }, createRng(5));
    const viaOnce = new FaultNetwork({ nodes: 3, ...networkPresets.lan }, createRng(5));
    for (const net of [viaRoute, viaOnce]) net.install({ target: select.all(), fault: fault.drop(0.5) });
    const ruled = viaOnce.routeOnce(packet('n1', 'n2'), 0);
    viaOnce.partitionOneWay(['n1'], ['n3']);
    viaRoute.partitionOneWay(['n1'], ['n3']);
    const parted = viaOnce.routeOnce(packet('n1', 'n3'), 0);
    expect([ruled, parted]).toEqual([-1, -1]);
    expect(viaOnce.counters.snapshot()).toEqual(viaRoute.counters.snapshot());
    // Nothing was drawn: both networks decide the next frames alike.
    for (let i = 0; i < 10; i++) expect(viaOnce.route(packet('n1', 'n2'), i)).toEqual(viaRoute.route(packet('n1', 'n2'), i));
  });
});
