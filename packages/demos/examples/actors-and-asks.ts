// example: actors-and-asks
import assert from 'node:assert/strict';
import { defineActor, Rejection } from '@faultline/core';
import { Simulation } from '@faultline/runtime';

/** The messages a Counter understands: a discriminated union, checked by the compiler. */
type CounterMessage =
  | { type: 'add'; amount: number; slowMs?: number }
  | { type: 'get' }
  | { type: 'crash' };

// Messages, props, reply: `spawn` gives an Address<CounterMessage, number>, so asks are checked.
export const Counter = defineActor<CounterMessage, { limit: number }, number>({
  kind: 'tutorial.counter',
  setup(ctx, props) {
    let total = 0; // state lives in the closure: a restart runs setup again, from scratch
    return {
      receive(message) {
        switch (message.type) {
          case 'add': {
            const { amount, slowMs } = message;
            if (total + amount > props.limit) {
              throw new Rejection('over-limit', `${total} + ${amount} > ${props.limit}`);
            }
            if (slowMs === undefined) return (total += amount);
            // A promise is a reply that comes later; here after a timer on this node's clock.
            return new Promise((resolve) => ctx.setTimer(slowMs, () => resolve((total += amount))));
          }
          case 'get':
            return total;
          case 'crash':
            throw new Error('a bug');
        }
      },
    };
  },
});

export default async function main(): Promise<void> {
  const sim = new Simulation({ seed: 1, nodes: 3 });
  const failures: string[] = [];
  sim.events.on('node-event', (e) => {
    if (e.type === 'actor-failed') failures.push(`${e.error} -> ${e.action} after ${e.backoffMs} ms`);
  });
  const counter = await sim.spawn('n2', 'counter', Counter, { limit: 100 });

  // ok: the reply arrived. Program -> n2 -> program: two hops of 1 ms of virtual time (chapter 3).
  assert.deepEqual(await sim.ask(counter, { type: 'add', amount: 5 }), { status: 'ok', value: 5 });
  assert.equal(sim.now(), 2);

  // failed: a definite failure. The handler refused, so nothing changed.
  assert.deepEqual(await sim.ask(counter, { type: 'add', amount: 500 }), {
    status: 'failed', code: 'over-limit', message: '5 + 500 > 100',
  });

  // unknown: no reply within the timeout. The caller cannot tell whether the add happened...
  const slow = await sim.ask(counter, { type: 'add', amount: 1, slowMs: 200 }, { timeoutMs: 100 });
  assert.deepEqual(slow, { status: 'unknown', reason: 'timeout', message: 'no reply from counter@n2 within 100 ms' });
  await sim.sleep(200);
  // ...and here it did happen, after the caller had given up.
  assert.deepEqual(await sim.ask(counter, { type: 'get' }), { status: 'ok', value: 6 });

  // tell: one-way, no reply and no outcome. It is delivered while the driver next waits.
  sim.tell(counter, { type: 'add', amount: 10 });
  assert.deepEqual(await sim.ask(counter, { type: 'get' }), { status: 'ok', value: 16 });

  // A throw that is not a Rejection: unknown for the asker (it may have acted), and a failure
  // for the actor, which its supervisor restarts after a 10 ms backoff.
  assert.deepEqual(await sim.ask(counter, { type: 'crash' }), {
    status: 'unknown', reason: 'crashed', message: 'counter@n2 threw: Error: a bug',
  });
  assert.deepEqual(failures, ['Error: a bug -> restart after 10 ms']);
  await sim.sleep(10);
  assert.deepEqual(await sim.ask(counter, { type: 'get' }), { status: 'ok', value: 0 }); // fresh state
  await sim.shutdown();
}
