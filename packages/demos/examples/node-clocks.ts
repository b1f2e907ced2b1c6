// example: node-clocks
import assert from 'node:assert/strict';
import { clockPresets } from '@faultline/core';
import { Simulation } from '@faultline/runtime';

export default async function main(): Promise<void> {
  const sim = new Simulation({
    seed: 1, nodes: 3,
    clocks: {
      n1: { offsetMs: 50, driftPpm: 0 },                // 50 ms ahead, steady
      n2: { ...clockPresets.unsynced, offsetMs: -120 }, // 120 ms behind, gaining 50 µs a second
      n3: clockPresets.ntpWan,                          // drifts, stepped back every 256 s to ±45 ms
    },
  });
  await sim.sleep(1000);
  assert.equal(sim.now(), 1000); // true time
  assert.equal(sim.clockOf('n1'), 1050); // what ctx.now() reads on n1 now
  assert.equal(sim.clockOf('n2'), 880.05);
  assert.equal(sim.clockOf('n3'), 1000.02);
  await sim.clockFault('n1', { kind: 'bump', deltaMs: -300 }); // n1's clock jumps back
  assert.equal(sim.clockOf('n1'), 750);
  await sim.shutdown();
}
