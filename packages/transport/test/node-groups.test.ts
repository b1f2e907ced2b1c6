// A single node name is accepted wherever a group of nodes is (issue 10, item 7): nemesis actions,
// selectors and partition verbs all treat 'n2' as ['n2'], and still name the field of an unknown node.
import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, nodeId } from '@faultline/core';
import { compileSelector, FaultNetwork, NodeSet, planSchedule, select, validateSelector, type NemesisStep } from '../src/index.ts';


const nodes = ['n1', 'n2', 'n3'].map(nodeId);
const plan = (steps: NemesisStep[]) => planSchedule(steps, nodes, createRng(1), { clock: true });

describe('a single node name where a group is accepted', () => {
  it('works in every nemesis action that takes nodes', () => {
    const planned = plan([
      { at: 0, do: { kind: 'crash', nodes: 'n2' } },
      { at: 1, do: { kind: 'restart', nodes: 'n2' } },
      { at: 2, do: { kind: 'pause', nodes: 'n3' } },
      { at: 3, do: { kind: 'resume', nodes: 'n3' } },
      { at: 4, do: { kind: 'partition-one-way', from: 'n1', to: ['n2', 'n3'] } },
      { at: 5, do: { kind: 'partition-groups', groups: ['n1', ['n2', 'n3']] } },
      { at: 6, do: { kind: 'clock', fault: { kind: 'bump', deltaMs: 10 }, nodes: 'n1' } },
      { at: 7, do: { kind: 'link-fault', target: select.between('n1', 'n2'), fault: { kind: 'block' } } },
    ]);
    expect(planned.map((s) => s.op)).toMatchObject([
      { kind: 'crash', nodes: ['n2'] },
      { kind: 'restart', nodes: ['n2'] },
      { kind: 'pause', nodes: ['n3'] },
      { kind: 'resume', nodes: ['n3'] },
      { kind: 'partition', plan: { groups: [['n1'], ['n2', 'n3']] } },
      { kind: 'partition', plan: { groups: [['n1'], ['n2', 'n3']] } },
      { kind: 'clock', nodes: ['n1'] },
      { kind: 'link-fault' },
    ]);
  });

  it('still rejects an unknown single name, naming the field', () => {
    expect(() => plan([{ at: 0, do: { kind: 'crash', nodes: 'n9' } }])).toThrow(ConfigError);
    expect(() => plan([{ at: 0, do: { kind: 'crash', nodes: 'n9' } }])).toThrow(/schedule\[0\]\.do\.nodes must be one of the cluster's nodes/);
    expect(() => plan([{ at: 0, do: { kind: 'crash', nodes: 'driver' } }])).toThrow(/must name cluster nodes, not the driver/);
  });

  it('works in a between selector and in partition verbs', () => {
    const known = new NodeSet(3);
    const between = validateSelector(select.between('n1', 'n2', true), known, 'target');
    const matches = compileSelector(between);
    expect([matches('n1', 'n2'), matches('n2', 'n1'), matches('n1', 'n3')]).toEqual([true, true, false]);
    const net = new FaultNetwork({ nodes: 3 }, createRng(1));
    net.partition('n1', 'n2');
    expect([net.isBlocked('n1', 'n2'), net.isBlocked('n1', 'n3')]).toEqual([true, false]);
  });
});
