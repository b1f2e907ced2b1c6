// example: virtual-time
import assert from 'node:assert/strict';
import { defineActor } from '@faultline/core';
import { Simulation } from '@faultline/runtime';

/** Ticks every `everyMs` on its own timer and answers any ask with the tick count. */
export const Ticker = defineActor<'ticks', { everyMs: number }>({
  kind: 'tutorial.ticker',
  setup(ctx, props) {
    let ticks = 0;
    const tick = () => {
      ticks++;
      ctx.setTimer(props.everyMs, tick);
    };
    ctx.setTimer(props.everyMs, tick);
    return { receive: () => ticks };
  },
});

export default async function main(): Promise<void> {
  const sim = new Simulation({ seed: 1, nodes: 1 });
  const ticker = await sim.spawn('n1', 'ticker', Ticker, { everyMs: 1000 });

  sim.tell(ticker, 'ticks');
  assert.equal(sim.stats.delivered, 0); // queued, not delivered: nothing runs until the program awaits
  assert.equal(sim.now(), 0);

  const wallStart = performance.now();
  await sim.sleep(60 * 60 * 1000); // one virtual hour: 3600 timer events, run as fast as the CPU can
  assert.equal(sim.now(), 3_600_000);
  assert.deepEqual(await sim.ask(ticker, 'ticks'), { status: 'ok', value: 3600 });
  assert.equal(sim.now(), 3_600_002); // the ask took two 1 ms hops of virtual time
  assert.ok(performance.now() - wallStart < 5_000, 'an hour of virtual time takes milliseconds of real time');
  await sim.shutdown();
}
