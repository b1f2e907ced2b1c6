// example: re-entrant-handlers
import assert from 'node:assert/strict';
import { defineActor } from '@faultline/core';
import { Simulation } from '@faultline/runtime';

const Racy = defineActor<{ add: number }>({
  kind: 'racy',
  setup(ctx) {
    let total = 0;
    return {
      async receive(msg) {
        const before = total;   // both asks read 0 ...
        await ctx.sleep(5);     // ... because the second runs while the first waits here
        total = before + msg.add;
        return total;
      },
    };
  },
});

export default async function main(): Promise<void> {
  const sim = new Simulation({ seed: 1, nodes: 1 });
  const racy = await sim.spawn('n1', 'racy', Racy, undefined);
  const [a, b] = await Promise.all([sim.ask<number>(racy, { add: 1 }), sim.ask<number>(racy, { add: 2 })]);
  assert.deepEqual([a, b], [{ status: 'ok', value: 1 }, { status: 'ok', value: 2 }]); // not 3: one add was lost
}
