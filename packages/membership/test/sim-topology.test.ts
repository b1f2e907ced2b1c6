import { describe, expect, it } from 'vitest';
import { ConfigError, type NodeEvent } from '@faultline/core';
import { MembershipObserver, membershipProps } from '../src/index.ts';
import { QuorumProbe } from './fixtures/quorum-probe.ts';
import { eventsAbout, expectStatuses, faultNet, ids, startScenario, until } from './fixtures/scenario.ts';
import { Simulation } from './fixtures/sim.ts';

const five = ids('n1', 'n2', 'n3', 'n4', 'n5');

describe('topology changes at runtime', () => {
  it('lets a new node join through a seed; every member sees it and counts it toward quorum', async () => {
    const net = faultNet(6);
    const sim = new Simulation({ seed: 31, nodes: 6, network: net.factory });
    const obs = await MembershipObserver.start(sim, { nodes: five, props: { config: { preset: 'sim-fast' }, members: five } });
    await sim.sleep(1000);
    expect((await obs.view('n1'))?.quorum).toMatchObject({ known: 5, reachable: 5 });
    await obs.add('n6', { config: { preset: 'sim-fast' }, members: five, seeds: ids('n1') });
    await until({ sim, net, obs }, (views) => [...views.values()].every((v) => v?.members.length === 6 && v.members.every((m) => m.status === 'alive')), 2000);
    for (const o of five) expect(eventsAbout(obs, 'member-up', 'n6').some((e) => e.observer === o), `n6 up at ${o}`).toBe(true);
    expect((await obs.view('n1'))?.quorum).toMatchObject({ known: 6, reachable: 6, needed: 4 });
  });

  it('lets a node leave gracefully: everyone marks it left at once, never suspects it, and stops counting it', async () => {
    const s = await startScenario(5, { seed: 32 });
    await s.sim.sleep(1000);
    const answer = await s.obs.command('n2', { type: 'leave' });
    expect(answer).toMatchObject({ status: 'ok', value: { phase: 'left', status: 'left' } });
    const leftAt = s.sim.now();
    await s.sim.sleep(50);
    await expectStatuses(s.obs, ['n1', 'n3', 'n4', 'n5'], ['n2'], 'left');
    await s.sim.sleep(3000);
    await expectStatuses(s.obs, ['n1', 'n3', 'n4', 'n5'], ['n2'], 'left');
    expect(s.obs.log.filter((e) => e.at >= leftAt && 'node' in e && e.node === 'n2' && e.type !== 'member-left')).toEqual([]);
    expect((await s.obs.view('n1'))?.quorum).toMatchObject({ hasQuorum: true, known: 4, needed: 3 });
  });
});

describe('the in-process API for protocols on the same node', () => {
  it('answers "does my side hold a quorum?" by a local ask, and keeps a cached answer current through events', async () => {
    const s = await startScenario(5, { seed: 33 });
    const probes = { n1: await s.sim.spawn('n1', 'probe', QuorumProbe, undefined), n4: await s.sim.spawn('n4', 'probe', QuorumProbe, undefined) };
    await s.sim.sleep(500);
    for (const p of Object.values(probes)) expect(await s.sim.ask(p, 'subscribe')).toEqual({ status: 'ok', value: 'ok' });
    expect(await s.sim.ask(probes.n4, 'cached')).toEqual({ status: 'ok', value: true });
    s.net.partition(['n1', 'n2', 'n3'], ['n4', 'n5']);
    await s.sim.sleep(3000);
    expect(await s.sim.ask(probes.n1, 'ask')).toEqual({ status: 'ok', value: true });
    expect(await s.sim.ask(probes.n4, 'ask')).toEqual({ status: 'ok', value: false });
    expect(await s.sim.ask(probes.n4, 'cached')).toEqual({ status: 'ok', value: false });
    s.net.healAll();
    await s.sim.sleep(3000);
    expect(await s.sim.ask(probes.n4, 'cached')).toEqual({ status: 'ok', value: true });
  });
});

describe('configuration', () => {
  it('rejects a bad config at the call site with a ConfigError naming the field', () => {
    expect(() => membershipProps({ config: { probeIntervalMs: -5 } })).toThrow(ConfigError);
    expect(() => membershipProps({ config: { probeIntervalMs: -5 } })).toThrow(/^membership\.probeIntervalMs must be >= 1, got -5$/);
    expect(() => membershipProps({ config: { splitBrain: { strategy: 'keep-majority', stableAfterMs: -1 } } }))
      .toThrow(/^membership\.splitBrain\.stableAfterMs /);
  });

  it('reports a bad config passed straight to spawn as an actor failure that names the field', async () => {
    const sim = new Simulation({ seed: 34, nodes: 2 });
    const events: NodeEvent[] = [];
    sim.events.on('node-event', (e) => events.push(e));
    await MembershipObserver.start(sim, { nodes: ids('n1'), props: { config: { gossipFanout: 0 } } });
    await sim.sleep(10);
    const failure = events.find((e) => e.type === 'actor-failed');
    expect(failure && 'error' in failure && failure.error).toMatch(/ConfigError: membership\.gossipFanout must be between 1 and 64, got 0/);
  });
});
