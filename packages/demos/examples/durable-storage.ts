// example: durable-storage
import assert from 'node:assert/strict';
import { defineActor } from '@faultline/core';
import { Simulation } from '@faultline/runtime';

export const Ledger = defineActor<{ type: 'append'; entry: string } | { type: 'read' }, void>({
  kind: 'tutorial.ledger',
  setup(ctx) {
    // setup runs at spawn and after every restart: recover what was made durable.
    const entries = ctx.storage.get<string[]>('entries') ?? [];
    let sinceStart = 0; // memory only
    return {
      receive(message) {
        if (message.type === 'read') return { entries, sinceStart };
        entries.push(message.entry);
        ctx.storage.set('entries', entries); // durable once set returns, as if fsynced
        sinceStart++;
        return entries.length;
      },
    };
  },
});

export default async function main(): Promise<void> {
  const sim = new Simulation({ seed: 1, nodes: 3 });
  const ledger = await sim.spawn('n1', 'ledger', Ledger, undefined);
  await sim.ask(ledger, { type: 'append', entry: 'a' });
  await sim.ask(ledger, { type: 'append', entry: 'b' });

  await sim.crash('n1'); // memory is gone; messages to n1 are dropped
  assert.equal(sim.isUp('n1'), false);
  // The driver heard n1 is down: the ask is not sent, and fails at once (code node-down).
  assert.equal((await sim.ask(ledger, { type: 'read' }, { timeoutMs: 50 })).status, 'failed');

  await sim.restart('n1'); // a fresh incarnation; actors spawned with sim.spawn start again
  assert.deepEqual(await sim.ask(ledger, { type: 'read' }), {
    status: 'ok', value: { entries: ['a', 'b'], sinceStart: 0 },
  });
  await sim.shutdown();
}
