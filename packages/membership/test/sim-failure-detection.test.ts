import { describe, expect, it } from 'vitest';
import { crashDetectionBoundMs, MEMBERSHIP_PRESETS } from '../src/index.ts';
import { eventsAbout, expectStatuses, startScenario, statusIn, until } from './fixtures/scenario.ts';

// Simulated clusters on the sim-fast preset (probe every 100 ms), 1–3 ms links, fixed seeds.
const simFast = MEMBERSHIP_PRESETS['sim-fast'];

describe('failure detection in the simulator', () => {
  it('marks a crashed node down on every other node within the preset\'s bound', async () => {
    const s = await startScenario(5, { seed: 11 });
    await s.sim.sleep(1000);
    await s.sim.crash('n3');
    const crashedAt = s.sim.now();
    const bound = crashDetectionBoundMs(simFast, 5);
    await s.sim.sleep(bound);
    const others = ['n1', 'n2', 'n4', 'n5'];
    await expectStatuses(s.obs, others, ['n3'], 'down');
    await expectStatuses(s.obs, others, others, 'alive');
    for (const o of others) {
      const down = eventsAbout(s.obs, 'member-down', 'n3', crashedAt).find((e) => e.observer === o);
      expect(down && down.at - crashedAt).toBeLessThanOrEqual(bound);
    }
  });

  it('suspects a node paused past the probe timeout, which refutes with a higher incarnation on resume', async () => {
    const s = await startScenario(5, { seed: 12 });
    await s.sim.sleep(1000);
    await s.sim.pause('n2');
    const pausedAt = s.sim.now();
    await s.sim.sleep(300); // past the 50 ms probe timeout, short of the 400 ms minimum suspicion
    await s.sim.resume('n2');
    await s.sim.sleep(500);
    const suspected = [...eventsAbout(s.obs, 'member-suspect', 'n2', pausedAt), ...eventsAbout(s.obs, 'member-unreachable', 'n2', pausedAt)];
    expect(suspected.length).toBeGreaterThan(0);
    expect(eventsAbout(s.obs, 'member-down', 'n2', pausedAt)).toEqual([]);
    const views = await s.obs.views();
    for (const [node, view] of views) {
      expect(statusIn(view, 'n2'), `n2 in the view of ${node}`).toBe('alive');
      expect(view?.members.find((m) => m.node === 'n2')?.incarnation).toBeGreaterThanOrEqual(1);
    }
  });

  it('downs a node paused past the suspicion timeout; on resume it refutes and comes back with a higher incarnation', async () => {
    const s = await startScenario(5, { seed: 13 });
    await s.sim.sleep(1000);
    await s.sim.pause('n2');
    const pausedAt = s.sim.now();
    await s.sim.sleep(crashDetectionBoundMs(simFast, 5));
    for (const o of ['n1', 'n3', 'n4', 'n5']) {
      expect(eventsAbout(s.obs, 'member-down', 'n2', pausedAt).some((e) => e.observer === o), `n2 down at ${o}`).toBe(true);
    }
    await s.sim.resume('n2');
    const took = await until(s, (views) => [...views.values()].every((v) => statusIn(v, 'n2') === 'alive'), 3000);
    expect(took).toBeLessThan(2000);
    // The paused node's own late timers are not taken as evidence against the others.
    expect(s.obs.log.filter((e) => e.observer === 'n2' && (e.type === 'member-down' || e.type === 'member-unreachable'))).toEqual([]);
  });

  it('converges a 25-node cluster started through a single seed', async () => {
    const s = await startScenario(25, { seed: 14, props: { config: { preset: 'sim-fast' }, seeds: ['n1' as never] } });
    const took = await until(s, (views) => [...views.values()].every((v) =>
      v !== undefined && v.members.length === 25 && v.members.every((m) => m.status === 'alive') && v.quorum.hasQuorum), 5000);
    expect(took).toBeLessThan(1000);
    expect(s.obs.log.filter((e) => e.type === 'member-suspect' || e.type === 'member-down')).toEqual([]);
  });

  it('never downs a live node over 10 virtual minutes at 10% loss (lan preset), while suspicions come and go', async () => {
    const s = await startScenario(5, { seed: 16, props: { config: { preset: 'lan' } } });
    await s.sim.sleep(5000);
    s.net.setLoss(0.1);
    const from = s.sim.now();
    await s.sim.sleep(10 * 60_000);
    const after = s.obs.log.filter((e) => e.at >= from);
    expect(after.filter((e) => e.type === 'member-down')).toEqual([]);
    expect(after.filter((e) => e.type === 'member-suspect' || e.type === 'member-unreachable').length).toBeGreaterThan(0);
    for (const view of (await s.obs.views()).values()) expect(view?.quorum.hasQuorum).toBe(true);
  });

  it('replays exactly: the same seed gives the same messages and the same events', async () => {
    const run = async () => {
      const s = await startScenario(5, { seed: 15, trace: true });
      await s.sim.sleep(500);
      await s.sim.crash('n4');
      await s.sim.sleep(3000);
      return { hash: s.sim.traceHash(), events: JSON.stringify(s.obs.log) };
    };
    const [a, b] = [await run(), await run()];
    expect(a.hash).toBe(b.hash);
    expect(a.events).toBe(b.events);
  });
});
