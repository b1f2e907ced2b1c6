import { describe, expect, it } from 'vitest';
import { createRng, dist, type NodeId } from '@faultline/core';
import { FaultNetwork, fault, select } from '../src/index.ts';

const n = (id: string) => id as NodeId;

describe('the pass-through fast path a runtime may take', () => {
  it('holds only with no rule, no partition and zero base latency', () => {
    const net = new FaultNetwork({ nodes: 3, baseLatency: dist.constant(0) }, createRng(1));
    expect(net.passThrough()).toBe(true);
    const rule = net.install({ target: select.all(), fault: fault.drop(0.1) });
    expect(net.passThrough()).toBe(false);
    rule.remove();
    net.partitionOneWay(['n1'], ['n2']);
    expect(net.passThrough()).toBe(false);
    net.healAll();
    expect(net.passThrough()).toBe(true);
    expect(new FaultNetwork({ nodes: 3 }, createRng(1)).passThrough()).toBe(false);
  });

  it('keeps the counters true for frames that skipped route', () => {
    const net = new FaultNetwork({ nodes: 3, baseLatency: dist.constant(0) }, createRng(1));
    net.countPassed(n('n1'), n('n2'), 5);
    net.route({ from: n('n1'), to: n('n2'), bytes: new Uint8Array(4) }, 0);
    const snap = net.counters.snapshot();
    expect(snap.total).toMatchObject({ sent: 6, delivered: 6 });
    expect(snap.links['n1->n2']).toMatchObject({ sent: 6, delivered: 6 });
  });
});
