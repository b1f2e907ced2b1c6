import { describe, expect, it } from 'vitest';
import { defineActor } from '@faultline/core';
import { Simulation, type ActorStateEvent } from '../src/index.ts';

/** Issue 22 item 4: an actor's optional inspect() is its plain-data state, recorded after each delivery in the simulator. */

const Counter = defineActor<{ readonly type: 'add'; readonly n: number }>({
  kind: 'test.inspect.counter',
  setup() {
    let total = 0;
    let adds = 0;
    return {
      receive(message) {
        total += message.n;
        adds++;
        return total;
      },
      inspect: () => ({ total, adds }),
    };
  },
});

const Silent = defineActor<unknown>({ kind: 'test.inspect.silent', setup: () => ({ receive: () => 'ok' }) });

const Broken = defineActor<unknown>({
  kind: 'test.inspect.broken',
  setup: () => ({ receive: () => 'ok', inspect: () => { throw new Error('boom'); } }),
});

describe('inspect(): an actor\'s state after each message', () => {
  it('gives onState the state right after each handled message, in order, and skips actors without inspect', async () => {
    const seen: ActorStateEvent[] = [];
    const sim = new Simulation({ seed: 3, nodes: 2, onState: (e) => seen.push(e) });
    const counter = await sim.spawn('n1', 'counter', Counter, undefined);
    const silent = await sim.spawn('n2', 'silent', Silent, undefined);
    for (const n of [5, 7, 1]) await sim.ask(counter, { type: 'add', n });
    await sim.ask(silent, 'hello');
    expect(seen.map((e) => [e.actor, e.node, e.state])).toEqual([
      ['counter@n1', 'n1', { total: 5, adds: 1 }],
      ['counter@n1', 'n1', { total: 12, adds: 2 }],
      ['counter@n1', 'n1', { total: 13, adds: 3 }],
    ]);
    expect(seen.every((e, i) => i === 0 || e.t >= (seen[i - 1] as ActorStateEvent).t)).toBe(true);
    await sim.shutdown();
  });

  it('a throwing inspect() is reported as data and never fails the node or the message', async () => {
    const seen: unknown[] = [];
    const sim = new Simulation({ seed: 3, nodes: 1, onState: (e) => seen.push(e.state) });
    const broken = await sim.spawn('n1', 'broken', Broken, undefined);
    expect(await sim.ask(broken, 'x')).toMatchObject({ status: 'ok', value: 'ok' });
    expect(seen).toEqual([{ inspectError: 'Error: boom' }]);
    await sim.shutdown();
  });
});
