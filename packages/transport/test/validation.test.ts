import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, type Distribution } from '@faultline/core';
import {
  FaultNetwork, LINK_FAULT_KINDS, Nemesis, describeFault, fault, faultTarget, validateLinkFault, type LinkFault, type LinkSelector,
} from '../src/index.ts';

const net = () => new FaultNetwork({ nodes: 3 }, createRng(1));
const everywhere: LinkSelector = { kind: 'all' };

function rejects(run: () => unknown, field: string, message: RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ConfigError);
  expect((error as ConfigError).field).toBe(field);
  expect((error as ConfigError).message).toMatch(message);
}

describe('invalid rules are rejected at install, naming the field and the value', () => {
  it('rejects a probability outside 0..1', () => {
    rejects(() => net().install({ target: everywhere, fault: { kind: 'drop', probability: 1.5 } }),
      'drop.probability', /^drop\.probability must be between 0 and 1, got 1\.5$/);
    rejects(() => net().install({ target: everywhere, fault: { kind: 'duplicate', probability: -0.1 } }),
      'duplicate.probability', /got -0\.1/);
  });

  it('rejects a negative delay and a negative jitter', () => {
    rejects(() => net().install({ target: everywhere, fault: { kind: 'delay', distribution: { kind: 'constant', ms: -5 } } }),
      'delay.distribution.ms', /must be >= 0, got -5/);
    rejects(() => net().install({ target: everywhere, fault: { kind: 'delay', distribution: { kind: 'constant', ms: 5 }, jitterMs: -1 } }),
      'delay.jitterMs', /got -1/);
  });

  it('rejects a bad distribution', () => {
    rejects(() => net().install({ target: everywhere, fault: { kind: 'reorder', probability: 0.1, distribution: { kind: 'zipf' } as unknown as Distribution } }),
      'reorder.distribution.kind', /must be one of 'constant'.*got "zipf"/);
    rejects(() => net().install({ target: everywhere, fault: { kind: 'delay', distribution: { kind: 'uniform', minMs: 5, maxMs: 2 } } }),
      'delay.distribution.maxMs', /must be >= 5, got 2/);
    rejects(() => net().install({ target: everywhere, fault: { kind: 'delay' } as unknown as LinkFault }),
      'delay.distribution', /must be a distribution object, got undefined/);
  });

  it('rejects an unknown node, naming the nodes it knows', () => {
    rejects(() => net().install({ target: { kind: 'link', from: 'n1', to: 'n9' }, fault: { kind: 'block' } }),
      'target.to', /must be one of the cluster's nodes \(n1, n2, n3\) or 'driver', got "n9"/);
    rejects(() => net().partition(['n1'], ['n7']), 'partition.b[0]', /got "n7"/);
    rejects(() => net().heal('n1', 'x'), 'heal.b', /got "x"/);
  });

  it('rejects an empty group', () => {
    rejects(() => net().install({ target: { kind: 'between', from: [], to: ['n1'] }, fault: { kind: 'block' } }),
      'target.from', /must name at least one node \(a node name or a list of them\), got \[\]/);
    rejects(() => net().partition([]), 'partition.a', /must name at least one node/);
  });

  it('rejects unknown kinds, bad bandwidth and overlapping partition groups', () => {
    rejects(() => net().install({ target: everywhere, fault: { kind: 'melt' } as unknown as LinkFault }),
      'fault.kind', /must be one of 'drop', 'delay'/);
    rejects(() => net().install({ target: { kind: 'everything' } as unknown as LinkSelector, fault: { kind: 'block' } }),
      'target.kind', /got "everything"/);
    rejects(() => net().install({ target: everywhere, fault: { kind: 'bandwidth', bytesPerSecond: 0, queueFrames: 4 } }),
      'bandwidth.bytesPerSecond', /got 0/);
    rejects(() => net().install({ target: everywhere, fault: { kind: 'bandwidth', bytesPerSecond: 10, queueFrames: 1.5 } }),
      'bandwidth.queueFrames', /must be a whole number, got 1\.5/);
    rejects(() => net().partition(['n1', 'n2'], ['n2', 'n3']), 'partition.b', /must not share nodes/);
  });

  it('rejects a bad base latency and a bad node list at construction', () => {
    rejects(() => new FaultNetwork({ nodes: 3, baseLatency: { kind: 'exponential', meanMs: -1 } }), 'baseLatency.meanMs', /got -1/);
    rejects(() => new FaultNetwork({ nodes: ['a', 'driver'] }), 'nodes[]', /must not be 'driver'/);
  });

  it('rejects bad rules in a replace update with their index', () => {
    rejects(() => net().apply({ kind: 'replace', rules: [{ id: 'x', target: everywhere, fault: { kind: 'drop', probability: 2 } }], blocked: [] }),
      'rules[0].drop.probability', /got 2/);
  });

  it('rejects bad nemesis schedules before running anything', () => {
    const n = net();
    const target = faultTarget({ nodes: n.nodes.cluster, crash: async () => {}, restart: async () => {}, pause: async () => {}, resume: async () => {}, now: () => 0 }, n);
    rejects(() => new Nemesis(target, { seed: 1, schedule: [{ at: -1, do: { kind: 'heal' } }] }), 'schedule[0].at', /got -1/);
    rejects(() => new Nemesis(target, { seed: 1, schedule: [{ at: 0, do: { kind: 'crash', nodes: ['driver'] } }] }),
      'schedule[0].do.nodes', /must name cluster nodes/);
    rejects(() => new Nemesis(target, { seed: 1, schedule: [{ at: 0, do: { kind: 'clock', fault: { kind: 'bump', deltaMs: 5 } } }] }),
      'schedule[0].do.kind', /needs a target with clockFault/);
    rejects(() => new Nemesis(target, { seed: 1, generate: { families: ['clock'] } }), 'generate.families[0]', /needs a target with clockFault/);
    rejects(() => new Nemesis(target, { seed: 1 }), 'nemesis', /exactly one of schedule or generate/);
  });
});

describe('the fault-kind registry', () => {
  it('lists exactly the kinds the builders make, each valid and describable', () => {
    const built: LinkFault[] = [
      fault.drop(0.1), fault.delay({ kind: 'constant', ms: 1 }), fault.duplicate(0.1), fault.reorder(0.1, { kind: 'constant', ms: 1 }),
      fault.bandwidth(1000), fault.corrupt(0.1), fault.block(),
    ];
    expect(built.map((f) => f.kind)).toEqual([...LINK_FAULT_KINDS]);
    for (const f of built) {
      expect(validateLinkFault(f)).toBe(f);
      expect(describeFault(f).startsWith(f.kind)).toBe(true);
    }
  });
});
