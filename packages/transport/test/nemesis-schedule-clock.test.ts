import { describe, expect, it } from 'vitest';
import { nodeId } from '@faultline/core';
import { Nemesis, type FaultTarget, type NemesisStep, type NetworkControl } from '../src/index.ts';

/** This schedule has only node faults: the network is never touched. */
const UNUSED_NETWORK: NetworkControl = {
  install: () => { throw new Error('no link faults here'); }, removeRule: () => false, block: () => {}, healAll: () => {},
};

/**
 * A target on a fake clock whose node ops take time, as worker restarts do (0.7–1.3 s, issue 22
 * item 11): `sleep` and every op move the clock; nothing waits on real time.
 */
function slowTarget(opMs: { crash: number; restart: number; pause: number; resume: number }, startAt = 2_200) {
  let clock = startAt;
  const advance = (ms: number) => { clock += ms; return Promise.resolve(); };
  const target: FaultTarget = {
    nodes: ['n1', 'n2', 'n3'].map(nodeId),
    network: UNUSED_NETWORK,
    crash: () => advance(opMs.crash),
    restart: () => advance(opMs.restart),
    pause: () => advance(opMs.pause),
    resume: () => advance(opMs.resume),
    now: () => clock,
  };
  return { target, sleep: advance, now: () => clock };
}

/** Ten steps, one every 500 ms: crash, restart, pause, resume, ... (as the scaffold's workers template plans them). */
const TEN_STEPS: NemesisStep[] = Array.from({ length: 10 }, (_, i) => ({
  at: 500 * (i + 1),
  do: [{ kind: 'crash', nodes: ['n2'] }, { kind: 'restart' }, { kind: 'pause', nodes: ['n3'] }, { kind: 'resume' }][i % 4] as NemesisStep['do'],
}));

describe('the nemesis keeps to its schedule by the target clock', () => {
  it('starts each step at its absolute time, so a slow restart delays only the step it overlaps', async () => {
    const { target, sleep } = slowTarget({ crash: 100, restart: 1_200, pause: 10, resume: 10 });
    const nemesis = new Nemesis(target, { seed: 1, schedule: TEN_STEPS, finalHeal: false });
    const start = target.now?.() ?? 0;
    const log = await nemesis.run(sleep);
    expect(log).toHaveLength(10);
    // The restart due at 1000 is done at 2200: the pause due at 1500 starts then, 700 ms late, and
    // the resume due at 2000 after it, 210 ms late; the crash due at 2500 is on time again.
    expect(log.map((e) => e.lateMs)).toEqual([0, 0, 700, 210, 0, 0, 700, 210, 0, 0]);
    // `now` is when each op was done, on the target's clock.
    expect(log.map((e) => (e.now ?? 0) - start)).toEqual([600, 2_200, 2_210, 2_220, 2_600, 4_200, 4_210, 4_220, 4_600, 6_200]);
    // Sleeping the schedule's gaps instead (the old loop) ends the last restart at 5000 + 3940 ms of
    // accumulated op time; here it ends 1200 ms (its own length) after it was due.
  });

  it('logs every planned step once: none is dropped, a stop marks the rest as skipped with the reason', async () => {
    const { target, sleep } = slowTarget({ crash: 100, restart: 1_200, pause: 10, resume: 10 });
    const nemesis = new Nemesis(target, { seed: 1, schedule: TEN_STEPS });
    nemesis.events.on('op', (e) => { if (e.op.kind === 'pause' && !e.skipped) nemesis.stop(); });
    const log = await nemesis.run(sleep);
    const planned = log.filter((e) => !e.final);
    expect(planned.map((e) => e.at)).toEqual(TEN_STEPS.map((s) => s.at));
    expect(planned.map((e) => (e.skipped ? 'skipped' : e.ok ? 'ran' : 'failed'))).toEqual(['ran', 'ran', 'ran', ...Array(7).fill('skipped')]);
    expect(planned[3]?.error).toMatch(/stopped before this step was due/);
    expect(planned[3]?.ok).toBe(false);
    // The final heal still undoes the pause.
    expect(log.filter((e) => e.final).map((e) => e.text)).toEqual(['resume n3']);
    expect(nemesis.formatLog()).toMatch(/1500ms {2}pause n3 {2}\(700ms late\)/);
    expect(nemesis.formatLog()).toMatch(/2000ms {2}resume n3 {2}SKIPPED: the nemesis was stopped/);
  });

  it('without a target clock counts time as the sum of its sleeps, as before', async () => {
    const { target, sleep, now } = slowTarget({ crash: 100, restart: 1_200, pause: 10, resume: 10 });
    const { now: _, ...clockless } = target;
    const log = await new Nemesis(clockless, { seed: 1, schedule: TEN_STEPS.slice(0, 2), finalHeal: false }).run(sleep);
    expect(log.map((e) => [e.at, e.lateMs, e.now])).toEqual([[500, 0, undefined], [1_000, 0, undefined]]);
    expect(now()).toBe(2_200 + 1_000 + 100 + 1_200);
  });
});
