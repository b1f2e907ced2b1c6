import { describe, expect, it } from 'vitest';
import { eventsAbout, expectStatuses, startScenario, statusIn, until, type Scenario } from './fixtures/scenario.ts';

const majority = ['n1', 'n2', 'n3'];
const minority = ['n4', 'n5'];

function quorumEvents(s: Scenario, type: 'quorum-lost' | 'quorum-regained', after: number): string[] {
  return s.obs.log.filter((e) => e.type === type && e.at >= after).map((e) => e.observer).sort();
}

describe('a 3|2 partition of 5 nodes', () => {
  it('leaves the majority with quorum and the minority without, each side downing the other', async () => {
    const s = await startScenario(5, { seed: 21 });
    await s.sim.sleep(1000);
    s.net.partition(majority, minority);
    const cutAt = s.sim.now();
    await s.sim.sleep(4000);
    for (const view of (await s.obs.views()).values()) {
      expect(view?.quorum.hasQuorum, `quorum at ${view?.self}`).toBe(majority.includes(view?.self ?? ''));
    }
    expect(quorumEvents(s, 'quorum-lost', cutAt)).toEqual(minority);
    await expectStatuses(s.obs, majority, minority, 'down');
    await expectStatuses(s.obs, minority, majority, 'down');
    await expectStatuses(s.obs, majority, majority, 'alive');
  });

  it('regains quorum on the minority and converges every view when the partition heals', async () => {
    const s = await startScenario(5, { seed: 22 });
    await s.sim.sleep(1000);
    s.net.partition(majority, minority);
    await s.sim.sleep(4000);
    s.net.healAll();
    const healedAt = s.sim.now();
    const took = await until(s, (views) => [...views.values()].every((v) =>
      v !== undefined && v.quorum.hasQuorum && v.members.every((m) => m.status === 'alive')), 5000);
    expect(took).toBeLessThan(3000); // reconnect every 1 s finds the other side
    expect(quorumEvents(s, 'quorum-regained', healedAt)).toEqual(minority);
    // Every view agrees on every member's incarnation: the downed side came back with higher ones.
    const views = [...(await s.obs.views()).values()];
    const incarnations = (v: (typeof views)[number]) => v?.members.map((m) => `${m.node}@${m.incarnation}`).join(' ');
    for (const v of views) expect(incarnations(v)).toBe(incarnations(views[0]));
    for (const n of minority) expect(views[0]?.members.find((m) => m.node === n)?.incarnation).toBeGreaterThan(0);
  });
});

describe('split-brain resolution: keep-majority', () => {
  // stableAfterMs above the 2400 ms maximum suspicion of sim-fast with 5 nodes: suspicions settle first.
  const props = { config: { preset: 'sim-fast' as const, splitBrain: { strategy: 'keep-majority' as const, stableAfterMs: 3000 } } };

  it('downs the minority side after the split has been stable for stableAfterMs; it stays down after the heal', async () => {
    const s = await startScenario(5, { seed: 23, props });
    await s.sim.sleep(1000);
    s.net.partition(majority, minority);
    const cutAt = s.sim.now();
    await s.sim.sleep(8000);
    for (const n of minority) {
      const view = await s.obs.view(n);
      expect(view).toMatchObject({ phase: 'downed', status: 'down', quorum: { hasQuorum: false } });
      const selfDown = eventsAbout(s.obs, 'member-down', n, cutAt).find((e) => e.observer === n);
      // The split (who is alive, who is not) last changed stableAfterMs before the decision.
      const splitChanges = s.obs.log.filter((e) => e.observer === n && e.at >= cutAt && 'node' in e && e.node !== n
        && (e.status === 'alive') !== (e.previous === 'alive'));
      const lastChange = Math.max(...splitChanges.map((e) => e.at));
      expect(selfDown?.at).toBeGreaterThanOrEqual(lastChange + 3000);
    }
    for (const n of majority) expect((await s.obs.view(n))?.phase).toBe('running');
    await expectStatuses(s.obs, majority, minority, 'down');
    s.net.healAll();
    await s.sim.sleep(5000);
    await expectStatuses(s.obs, majority, minority, 'down');
    for (const n of minority) expect((await s.obs.view(n))?.phase).toBe('downed');
  });

  it('lets a downed node rejoin only with a new incarnation', async () => {
    const s = await startScenario(5, { seed: 24, props });
    await s.sim.sleep(1000);
    s.net.partition(majority, minority);
    await s.sim.sleep(8000);
    expect((await s.obs.view('n4'))?.phase).toBe('downed');
    s.net.healAll();
    const before = (await s.obs.view('n4'))?.incarnation ?? NaN;
    const answer = await s.obs.command('n4', { type: 'join' });
    expect(answer).toMatchObject({ status: 'ok', value: { phase: 'running', incarnation: before + 1 } });
    await until(s, (views) => majority.every((n) => statusIn(views.get(n as never), 'n4') === 'alive'), 3000);
    for (const n of majority) {
      expect((await s.obs.view(n))?.members.find((m) => m.node === 'n4')?.incarnation).toBe(before + 1);
    }
  });
});

describe('a one-way partition: n1 → n2 blocked, n2 → n1 working', () => {
  it('keeps n2 alive in every view: n1 reaches it through relays (indirect probes)', async () => {
    const s = await startScenario(5, { seed: 25 });
    await s.sim.sleep(1000);
    s.net.partitionOneWay('n1', 'n2');
    const cutAt = s.sim.now();
    await s.sim.sleep(10_000);
    const accusations = s.obs.log.filter((e) => e.at >= cutAt && (e.type === 'member-suspect' || e.type === 'member-unreachable' || e.type === 'member-down'));
    expect(accusations).toEqual([]);
    await expectStatuses(s.obs, ['n1', 'n2', 'n3', 'n4', 'n5'], ['n1', 'n2', 'n3', 'n4', 'n5'], 'alive');
  });

  it('without indirect probes (k = 0), each side finds the other unreachable, and suspicions churn incarnations', async () => {
    const s = await startScenario(5, { seed: 26, props: { config: { preset: 'sim-fast', indirectChecks: 0 } } });
    await s.sim.sleep(1000);
    s.net.partitionOneWay('n1', 'n2');
    const cutAt = s.sim.now();
    await s.sim.sleep(3000);
    // n1's pings to n2 are lost; n2's pings reach n1 but the acks are lost: both probes fail.
    expect(eventsAbout(s.obs, 'member-unreachable', 'n2', cutAt).some((e) => e.observer === 'n1')).toBe(true);
    expect(eventsAbout(s.obs, 'member-unreachable', 'n1', cutAt).some((e) => e.observer === 'n2')).toBe(true);
    // Third parties still reach both, so the accused refute: incarnations climb.
    expect(eventsAbout(s.obs, 'member-up', 'n2', cutAt).some((e) => e.observer === 'n3' && (e as { incarnation: number }).incarnation > 0)).toBe(true);
  });
});
