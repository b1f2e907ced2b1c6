// Issue 21: ctx.setTimer(NaN), setTimer(-5) and cluster.sleep(NaN) fired at once while ask refused
// NaN; WorkerCluster.sleep(2 ** 31 + 5) returned after 1 ms while the simulator waited the full time.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, defineActor } from '@faultline/core';
import { Simulation, WorkerCluster } from '../../src/index.ts';
import { MAX_TIMEOUT_MS, setLongTimeout } from '../../src/host/long-timer.ts';

/** Arms a timer with the delay it is asked for; says whether any timer has fired yet. */
const Armer = defineActor<{ delayMs: number } | 'fired?', void>({
  kind: 'test.armer',
  setup(ctx) {
    let fired = 0;
    return {
      receive: (m) => {
        if (m === 'fired?') return fired;
        ctx.setTimer(m.delayMs, () => { fired++; });
        return 'armed';
      },
    };
  },
});

describe('timer delays are numbers of ms, at least 0, everywhere', () => {
  it.each([Number.NaN, -5, Infinity])('ctx.setTimer(%s) throws a ConfigError naming setTimer, and no timer fires', async (delayMs) => {
    const sim = new Simulation({ seed: 3, nodes: 1 });
    const armer = await sim.spawn('n1', 'armer', Armer, undefined);
    const outcome = await sim.ask(armer, { delayMs });
    // A handler that throws crashed (as with ctx.sleep(NaN)): the ConfigError names the call and value.
    expect(outcome).toMatchObject({ status: 'unknown', reason: 'crashed' });
    expect(outcome.status === 'unknown' && outcome.message).toMatch(/threw: ConfigError: setTimer\(delayMs\) must be/);
    await sim.sleep(10);
    expect(await sim.ask(armer, 'fired?')).toEqual({ status: 'ok', value: 0 });
  });

  it('ctx.setTimer(0) still fires, and virtual time moves on', async () => {
    const sim = new Simulation({ seed: 3, nodes: 1 });
    const armer = await sim.spawn('n1', 'armer', Armer, undefined);
    await sim.ask(armer, { delayMs: 0 });
    await sim.sleep(1);
    expect(await sim.ask(armer, 'fired?')).toEqual({ status: 'ok', value: 1 });
  });

  it.each([Number.NaN, -5])('Simulation.sleep(%s) throws ConfigError and leaves virtual time where it was', async (ms) => {
    const sim = new Simulation({ seed: 3, nodes: 1 });
    const before = sim.now();
    expect(() => sim.sleep(ms)).toThrow(ConfigError);
    expect(sim.now()).toBe(before);
  });

  it.each([Number.NaN, -5])('WorkerCluster.sleep(%s) throws ConfigError as the simulator does', (ms) => {
    // sleep uses no cluster state: called on the prototype, no workers need starting.
    expect(() => WorkerCluster.prototype.sleep.call(undefined, ms)).toThrow(ConfigError);
  });
});

describe('real-time waits longer than setTimeout can hold', () => {
  afterEach(() => { vi.useRealTimers(); });

  it('setLongTimeout(2 ** 31 + 5) waits the whole time, where setTimeout would fire after 1 ms', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    let fired = false;
    setLongTimeout(() => { fired = true; }, 2 ** 31 + 5);
    vi.advanceTimersByTime(MAX_TIMEOUT_MS);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(5);
    expect(fired).toBe(false);
    vi.advanceTimersByTime(1);
    expect(fired).toBe(true);
  });
});
