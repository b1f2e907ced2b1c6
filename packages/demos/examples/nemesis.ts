// example: nemesis
import assert from 'node:assert/strict';
import { Simulation } from '@faultline/runtime';
import { FaultNetwork, Nemesis, fault, faultTarget, networkPresets, select } from '@faultline/transport';

export default async function main(): Promise<void> {
  const net = new FaultNetwork({ nodes: 5, ...networkPresets.lan });
  const sim = new Simulation({ seed: 3, nodes: 5, network: net.attach });
  const target = faultTarget(sim, net, (node, clockFault) => sim.clockFault(node, clockFault));

  // A written schedule: `at` is ms after the nemesis starts; open choices come from its seed.
  const nemesis = new Nemesis(target, {
    seed: 11,
    schedule: [
      { at: 1000, do: { kind: 'partition', shape: 'majority-minority' } },
      { at: 2000, do: { kind: 'heal' } },
      { at: 3000, do: { kind: 'crash', count: 'minority' } },
      { at: 4000, do: { kind: 'restart' } },
      { at: 5000, do: { kind: 'link-fault', tag: 'lossy', target: select.inbound('n1'), fault: fault.drop(0.3) } },
      { at: 6000, do: { kind: 'remove-link-fault', tag: 'lossy' } },
      { at: 7000, do: { kind: 'clock', nodes: ['n2'], fault: { kind: 'bump', deltaMs: -250 } } },
    ],
  });
  await nemesis.run((ms) => sim.sleep(ms)); // the cluster's own sleep: virtual time here
  assert.equal(sim.now(), 7000);
  assert.equal(nemesis.formatLog(), [
    '    1000ms  partition majority-minority {n1,n2,n3} | {n4,n5}',
    '    2000ms  heal all partitions',
    '    3000ms  crash n5, n2',
    '    4000ms  restart n5, n2',
    '    5000ms  link fault lossy: drop 30% on *->n1',
    '    6000ms  remove link faults lossy',
    '    7000ms  clock bump -250ms on n2',
    '    7000ms  (final) clock reset on n2', // at the end, whatever is still in effect is undone
  ].join('\n'));

  // A generated schedule: quiet interval, a fault from a random family, undo, and again.
  const generated = (seed: number) => new Nemesis(target, { seed, generate: { untilMs: 10_000 } }).schedule;
  assert.deepEqual(generated(5), generated(5)); // planned up front, from the seed
  assert.deepEqual(generated(5).map((step) => `${step.at} ${step.op.kind}`), [
    '1000 partition', '2000 heal', '3000 clock', '4000 clock', '5000 partition',
    '6000 heal', '7000 pause', '8000 resume', '9000 clock', '10000 clock',
  ]);
  await sim.shutdown();
}
