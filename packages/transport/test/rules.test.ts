import { describe, expect, it } from 'vitest';
import { ConfigError, createRng, dist, nodeId } from '@faultline/core';
import { FaultNetwork, fault, select, type LinkSelector, type NetworkEvents, type NetworkUpdate } from '../src/index.ts';

const n = (s: string) => nodeId(s);
const frame = new Uint8Array([1, 2, 3, 4]);

function network(seed = 1, nodes = 3): FaultNetwork {
  return new FaultNetwork({ nodes, baseLatency: dist.constant(1) }, createRng(seed));
}

function send(net: FaultNetwork, from: string, to: string, now = 0) {
  return net.route({ from: n(from), to: n(to), bytes: frame }, now);
}

describe('rule order: the first non-pass verdict wins', () => {
  it('lets an earlier drop rule win over a later delay rule, and the delay apply once the drop is removed', () => {
    const net = network();
    const drop = net.install({ target: select.all(), fault: fault.drop(1) });
    net.install({ target: select.all(), fault: fault.delay(dist.constant(50)) });
    expect(send(net, 'n1', 'n2')).toEqual({ deliveries: [], dropReason: 'drop (rule r1)' });
    expect(drop.remove()).toBe(true);
    expect(drop.remove()).toBe(false);
    expect(send(net, 'n1', 'n2', 10).deliveries).toEqual([{ delayMs: 51 }]);
  });

  it("asks the next rule when one passes: a drop with probability 0 never decides", () => {
    const net = network();
    net.install({ target: select.all(), fault: fault.drop(0) });
    net.install({ target: select.all(), fault: fault.block() });
    expect(send(net, 'n1', 'n2').dropReason).toBe('block (rule r2)');
  });

  it("puts a rule installed with position 'first' ahead of the others", () => {
    const net = network();
    net.install({ target: select.all(), fault: fault.delay(dist.constant(5)) });
    net.install({ target: select.link('n1', 'n2'), fault: fault.block() }, { position: 'first' });
    expect(net.rules.map((r) => r.id)).toEqual(['r2', 'r1']);
    expect(send(net, 'n1', 'n2').deliveries).toHaveLength(0);
    expect(send(net, 'n2', 'n1').deliveries).toEqual([{ delayMs: 6 }]);
  });

  it('checks partitions before any rule, and heals one link pair at a time', () => {
    const net = network();
    net.install({ target: select.all(), fault: fault.duplicate(1) });
    net.partition(['n1'], ['n2', 'n3']);
    expect(send(net, 'n2', 'n1')).toEqual({ deliveries: [], dropReason: 'partition' });
    net.heal('n1', 'n2');
    expect(send(net, 'n2', 'n1').deliveries).toHaveLength(2);
    expect(send(net, 'n1', 'n2').deliveries).toHaveLength(2);
    expect(send(net, 'n3', 'n1').deliveries).toHaveLength(0);
    net.healAll();
    expect(send(net, 'n3', 'n1').deliveries).toHaveLength(2);
  });
});

describe('selectors', () => {
  it('match exactly the links they name, and leave the driver alone unless it is named', () => {
    const net = network(1, 4);
    const blocked = (from: string, to: string) => send(net, from, to).deliveries.length === 0;
    const only = (selector: LinkSelector) => {
      const h = net.install({ target: selector, fault: fault.block() });
      const links: string[] = [];
      for (const a of ['n1', 'n2', 'n3', 'n4', 'driver']) for (const b of ['n1', 'n2', 'n3', 'n4', 'driver']) {
        if (a !== b && blocked(a, b)) links.push(`${a}->${b}`);
      }
      h.remove();
      return links;
    };
    expect(only(select.link('n1', 'n2'))).toEqual(['n1->n2']);
    expect(only(select.inbound('n3'))).toEqual(['n1->n3', 'n2->n3', 'n4->n3']);
    expect(only(select.outbound('n3'))).toEqual(['n3->n1', 'n3->n2', 'n3->n4']);
    expect(only({ kind: 'outbound', node: 'n3', includeDriver: true })).toEqual(['n3->n1', 'n3->n2', 'n3->n4', 'n3->driver']);
    expect(only(select.among(['n1', 'n2', 'n3']))).toEqual(['n1->n2', 'n1->n3', 'n2->n1', 'n2->n3', 'n3->n1', 'n3->n2']);
    expect(only(select.between(['n1'], ['n3', 'n4']))).toEqual(['n1->n3', 'n1->n4']);
    expect(only(select.between(['n1'], ['n4'], true))).toEqual(['n1->n4', 'n4->n1']);
    expect(only(select.all()).length).toBe(12);
    expect(only(select.all(true)).length).toBe(20);
    expect(only(select.link('driver', 'n2'))).toEqual(['driver->n2']);
  });
});

describe('rules as data: events, snapshot and mirrors', () => {
  it('emits rule-added, rule-removed, partition-changed and healed, each with what changed', () => {
    const net = network();
    const seen: string[] = [];
    const on = <K extends keyof NetworkEvents>(k: K) => net.events.on(k, ((e: unknown) => seen.push(`${k} ${JSON.stringify(e)}`)) as never);
    on('rule-added');
    on('rule-removed');
    on('partition-changed');
    on('healed');
    const h = net.install({ target: select.link('n1', 'n2'), fault: fault.drop(0.5), label: 'flaky' });
    net.partitionOneWay('n1', 'n3');
    h.remove();
    net.healAll();
    expect(seen).toEqual([
      'rule-added {"rule":{"id":"r1","target":{"kind":"link","from":"n1","to":"n2"},"fault":{"kind":"drop","probability":0.5},"label":"flaky"},"index":0}',
      'partition-changed {"blocked":[{"from":"n1","to":"n3"}],"added":[{"from":"n1","to":"n3"}],"removed":[]}',
      'rule-removed {"rule":{"id":"r1","target":{"kind":"link","from":"n1","to":"n2"},"fault":{"kind":"drop","probability":0.5},"label":"flaky"}}',
      'partition-changed {"blocked":[],"added":[],"removed":[{"from":"n1","to":"n3"}]}',
      'healed {"links":[{"from":"n1","to":"n3"}],"all":true}',
    ]);
  });

  it('snapshots rules and blocked links as plain data that survives JSON', () => {
    const net = network();
    net.install({ target: select.all(), fault: fault.reorder(0.1, dist.uniform(1, 5)) });
    net.isolate('n2');
    const snap = net.snapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    expect(snap.version).toBe(2);
    expect(snap.blocked).toEqual([
      { from: 'n1', to: 'n2' }, { from: 'n2', to: 'n1' }, { from: 'n2', to: 'n3' }, { from: 'n3', to: 'n2' },
    ]);
  });

  it('makes a mirror fed the update stream decide every frame exactly as the controller does', () => {
    const controller = network(42);
    const mirror = network(42);
    const updates: NetworkUpdate[] = [];
    controller.events.on('update', ({ update }) => {
      const wire = JSON.parse(JSON.stringify(update)) as NetworkUpdate;
      updates.push(wire);
      mirror.apply(wire);
    });
    controller.install({ target: select.all(), fault: fault.drop(0.2) });
    controller.install({ target: select.outbound('n1'), fault: fault.duplicate(0.3) });
    controller.install({ target: select.inbound('n3'), fault: fault.corrupt(0.2) });
    controller.partitionOneWay('n2', 'n1');
    expect(mirror.snapshot()).toEqual(controller.snapshot());
    for (let i = 0; i < 3_000; i++) {
      const [from, to] = (['n1', 'n2', 'n3'] as const).filter((_, k) => k !== i % 3) as [string, string];
      expect(send(mirror, from, to, i)).toEqual(send(controller, from, to, i));
    }
    expect(updates.map((u) => u.kind)).toEqual(['add-rule', 'add-rule', 'add-rule', 'block']);
  });

  it('starts a mirror from a snapshot with a replace update', () => {
    const controller = network(3);
    controller.install({ target: select.all(), fault: fault.drop(0.5) });
    controller.partition('n3');
    const mirror = network(3);
    const s = controller.snapshot();
    mirror.apply({ kind: 'replace', rules: s.rules, blocked: s.blocked });
    expect({ ...mirror.snapshot(), version: 0 }).toEqual({ ...s, version: 0 });
  });

  it("draws each link's randomness from its own stream: traffic on one link does not change another's fate", () => {
    const fates = (noise: number) => {
      const net = network(9);
      net.install({ target: select.all(), fault: fault.drop(0.5) });
      const out: boolean[] = [];
      for (let i = 0; i < 500; i++) {
        for (let k = 0; k < noise; k++) send(net, 'n2', 'n3', i);
        out.push(send(net, 'n1', 'n2', i).deliveries.length > 0);
      }
      return out;
    };
    expect(fates(3)).toEqual(fates(0));
  });

  it('applies an update all-or-nothing: a bad link in a block list changes nothing', () => {
    const net = network();
    expect(() => net.block([{ from: n('n1'), to: n('n2') }, { from: n('n1'), to: n('n9') }])).toThrow(ConfigError);
    expect(net.snapshot().blocked).toEqual([]);
    expect(net.snapshot().version).toBe(0);
  });
});
