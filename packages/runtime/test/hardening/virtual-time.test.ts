import { describe, expect, it } from 'vitest';
import { defineActor } from '@faultline/core';
import { Simulation, SimulationStallError } from '../../src/index.ts';

/** Waits for its clock to pass a deadline 500 ms away by re-arming a timer for what is left: SWIM's `arm()` pattern. */
const Deadline = defineActor<'done?', void>({
  kind: 'test.deadline',
  setup(ctx) {
    const deadline = ctx.now() + 500;
    let fired = 0;
    let done = false;
    const arm = () => ctx.setTimer(Math.max(0, deadline - ctx.now()), () => {
      fired++;
      if (ctx.now() >= deadline) done = true;
      else arm();
    });
    arm();
    return { receive: () => ({ done, fired }) };
  },
});

/** Re-arms a zero-delay timer forever: time can never advance. */
const Spinner = defineActor<unknown, void>({
  kind: 'test.spinner',
  setup(ctx) {
    const spin = (): void => void ctx.setTimer(0, spin);
    spin();
    return { receive: () => undefined };
  },
});

// Issue 9, item 3: after a clock drift fault SWIM re-armed a timer of 5.7e-14 ms; t + 5.7e-14 === t in
// floating point, so virtual time stopped and the simulator spun at 100 % CPU, never reporting a stall.
describe('virtual time always advances, and a run where it cannot says so', () => {
  it('reaches a deadline measured on a drifting clock (-306 ppm) in a few timer firings', async () => {
    const sim = new Simulation({ seed: 2025, nodes: 1, clocks: { n1: { offsetMs: 0, driftPpm: -306 } } });
    const actor = await sim.spawn('n1', 'deadline', Deadline, undefined);
    await sim.sleep(1000);
    const state = await sim.ask<{ done: boolean; fired: number }>(actor, 'done?');
    expect(state).toMatchObject({ status: 'ok', value: { done: true } });
    expect(state.status === 'ok' && state.value.fired).toBeLessThanOrEqual(3);
  });

  it('reaches it on a fast clock (+882 ppm) too', async () => {
    const sim = new Simulation({ seed: 2114, nodes: 1, clocks: { n1: { offsetMs: 0, driftPpm: 882 } } });
    const actor = await sim.spawn('n1', 'deadline', Deadline, undefined);
    await sim.sleep(1000);
    expect(await sim.ask(actor, 'done?')).toMatchObject({ status: 'ok', value: { done: true } });
  });

  it('moves time on by the resolution for a delay below it', async () => {
    const sim = new Simulation({ seed: 1, nodes: 1 });
    await sim.sleep(500);
    let firedAt = -1;
    sim.scheduler.after(1e-14, () => { firedAt = sim.now(); });
    await sim.sleep(1);
    expect(firedAt).toBeGreaterThan(500);
  });

  it('reports a stall, naming the seed and the actor, when events run without time advancing', async () => {
    const sim = new Simulation({ seed: 77, nodes: 2, stallAfterEvents: 20_000 });
    await sim.spawn('n2', 'spinner', Spinner, undefined);
    const error = await sim.sleep(10).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(SimulationStallError);
    expect(error).toMatchObject({ kind: 'time-stuck', seed: 77, atMs: 0 });
    expect((error as SimulationStallError).owners[0]?.owner).toBe('spinner@n2');
    expect((error as Error).message).toMatch(/simulation stalled at 0 ms \(seed 77\): 20000 events ran without virtual time advancing; events at that instant came from spinner@n2/);
  });

  it('reports a program awaiting what nothing can settle as a stall of kind no-events', async () => {
    const sim = new Simulation({ seed: 5, nodes: 1 });
    const error = await sim.scheduler.until(new Promise(() => {})).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ kind: 'no-events', seed: 5 });
  });
});
