import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, nodeId, type NodeId } from '@faultline/core';
import { PARTITION_SHAPES, planPartition, type PartitionPlan } from '../src/index.ts';

const five = ['n1', 'n2', 'n3', 'n4', 'n5'].map(nodeId);

/** Who hears whom under a plan: the simple reference the shapes are checked against. */
function hears(plan: PartitionPlan, nodes: readonly NodeId[]): Map<NodeId, Set<NodeId>> {
  const cut = new Set(plan.blocked.map((l) => `${l.from}->${l.to}`));
  return new Map(nodes.map((to) => [to, new Set(nodes.filter((from) => !cut.has(`${from}->${to}`)))]));
}

const sorted = (g: readonly string[]) => [...g].sort();
const sizes = (p: PartitionPlan) => p.groups.map((g) => g.length);

describe('named partition shapes over five nodes (Jepsen jepsen.nemesis partitioners)', () => {
  it('isolate-node: one node alone, four together; the named node when given', () => {
    const p = planPartition('isolate-node', five, createRng(1));
    expect(sizes(p)).toEqual([1, 4]);
    expect(p.blocked).toHaveLength(8);
    const named = planPartition('isolate-node', five, createRng(1), nodeId('n4'));
    expect(named.groups[0]).toEqual(['n4']);
    expect(hears(named, five).get(nodeId('n4'))).toEqual(new Set(['n4']));
  });

  it('random-halves: two and three, every link between them cut both ways', () => {
    const p = planPartition('random-halves', five, createRng(2));
    expect(sizes(p)).toEqual([2, 3]);
    expect(p.blocked).toHaveLength(12);
    expect(sorted(p.groups.flat())).toEqual(five);
  });

  it('majority-minority: three and two; the majority side has a quorum', () => {
    const p = planPartition('majority-minority', five, createRng(3));
    expect(sizes(p)).toEqual([3, 2]);
    for (const node of p.groups[0] ?? []) expect(hears(p, five).get(node)?.size).toBe(3);
  });

  it('majorities-ring: every node hears a majority (itself and two ring neighbours), no two the same one', () => {
    const p = planPartition('majorities-ring', five, createRng(4));
    const views = hears(p, five);
    expect([...views.values()].every((v) => v.size === 3)).toBe(true);
    expect(new Set([...views.values()].map((v) => sorted([...v]).join())).size).toBe(5);
    // With five nodes the ring is symmetric: a hears b exactly when b hears a.
    for (const [a, va] of views) for (const b of va) expect(views.get(b)?.has(a)).toBe(true);
    for (const g of p.groups) expect(views.get(g[0] as NodeId)).toEqual(new Set(g));
  });

  it('bridge: two sides of three that share one node, which alone hears everybody', () => {
    const p = planPartition('bridge', five, createRng(5));
    expect(sizes(p)).toEqual([3, 3]);
    const [a, b] = p.groups as [readonly NodeId[], readonly NodeId[]];
    const shared = a.filter((x) => b.includes(x));
    expect(shared).toHaveLength(1);
    const views = hears(p, five);
    const bridge = shared[0] as NodeId;
    expect(views.get(bridge)?.size).toBe(5);
    for (const node of five) expect(views.get(node)?.has(bridge)).toBe(true);
    for (const x of a) for (const y of b) if (x !== bridge && y !== bridge) expect(views.get(y)?.has(x)).toBe(false);
  });

  it('never touches the driver, and the same seed gives the same groups', () => {
    for (const shape of PARTITION_SHAPES) {
      const p = planPartition(shape, five, createRng(7));
      expect(p.blocked.some((l) => l.from === 'driver' || l.to === 'driver')).toBe(false);
      expect(planPartition(shape, five, createRng(7))).toEqual(p);
    }
  });

  it('keeps its promises for 3 to 9 nodes and any seed (property, fixed fast-check seed)', () => {
    fc.assert(fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 0xffffffff }), (n, seed) => {
      const nodes = Array.from({ length: n }, (_, i) => nodeId(`n${i + 1}`));
      const majority = Math.floor(n / 2) + 1;
      const ring = hears(planPartition('majorities-ring', nodes, createRng(seed)), nodes);
      expect([...ring.values()].every((v) => v.size === majority)).toBe(true);
      expect(new Set([...ring.values()].map((v) => sorted([...v]).join())).size).toBe(n);
      const mm = planPartition('majority-minority', nodes, createRng(seed));
      expect(sizes(mm)).toEqual([majority, n - majority]);
      const halves = planPartition('random-halves', nodes, createRng(seed));
      expect(sizes(halves)).toEqual([Math.floor(n / 2), n - Math.floor(n / 2)]);
    }), { seed: 20240601, numRuns: 200 });
  });
});
