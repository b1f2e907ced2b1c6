import { describe, expect, it } from 'vitest';
import type { NodeId } from '@faultline/core';
import { applyViewChanges } from '../src/view-changes.ts';
import { MembershipObserver, type MembershipView, type MembershipViewChanges } from '../src/index.ts';
import { Simulation } from './fixtures/sim.ts';

// Issue 27, item 3: the observer's views travel as diffs against the view it holds, so polling
// every view of a 1,000-node cluster does not move a million member entries per poll.

/** Every node's diffed view (through the observer) beside its whole view asked at the same instant. */
async function bothViews(sim: Simulation, obs: MembershipObserver): Promise<{ diffed: (MembershipView | undefined)[]; whole: unknown[] }> {
  // Sent in one synchronous burst over the default fixed-latency network: each pair lands back to
  // back at its node, with no protocol event between them.
  const pairs = obs.nodes.map((node) => Promise.all([
    obs.view(node),
    sim.ask<MembershipView>(obs.address(node), { type: 'view' }).then((o) => (o.status === 'ok' ? o.value : undefined)),
  ]));
  const done = await Promise.all(pairs);
  return { diffed: done.map(([d]) => d), whole: done.map(([, w]) => w) };
}

describe('views as diffs (issue 27)', () => {
  it('gives exactly the whole view, poll after poll, across a crash and a restart of a node', async () => {
    const sim = new Simulation({ seed: 8, nodes: 12 });
    const obs = await MembershipObserver.start(sim, { props: { config: { preset: 'sim-fast' }, seeds: ['n1' as NodeId] } });
    const polls: number[] = [];
    for (const step of ['join', 'settle', 'crash', 'restart', 'rejoin', 'later']) {
      if (step === 'crash') await sim.crash('n5');
      if (step === 'restart') await sim.restart('n5');
      await sim.sleep(step === 'rejoin' ? 3000 : 400);
      const { diffed, whole } = await bothViews(sim, obs);
      expect(diffed, `views after ${step}`).toEqual(whole);
      polls.push(diffed.filter((v) => v !== undefined).length);
    }
    expect(polls).toEqual([12, 12, 11, 12, 12, 12]);
  });

  it('sends only the members changed since the view the observer holds', async () => {
    const sim = new Simulation({ seed: 9, nodes: 10 });
    const obs = await MembershipObserver.start(sim, { props: { config: { preset: 'sim-fast' }, seeds: ['n1' as NodeId] } });
    await sim.sleep(2000);
    const first = await sim.ask<MembershipViewChanges>(obs.address('n2'), { type: 'view-changes' });
    if (first.status !== 'ok') throw new Error('n2 did not answer');
    expect(first.value.full).toBe(true);
    expect(first.value.members).toHaveLength(10);
    await sim.crash('n7');
    await sim.sleep(3000);
    const next = await sim.ask<MembershipViewChanges>(obs.address('n2'), { type: 'view-changes', epoch: first.value.epoch, since: first.value.version });
    if (next.status !== 'ok') throw new Error('n2 did not answer');
    expect(next.value.full).toBe(false);
    expect(next.value.members.map((m) => `${m.node} ${m.status}`)).toEqual(['n7 down']);
    // Another life's epoch (or none) gets the whole list.
    const stranger = await sim.ask<MembershipViewChanges>(obs.address('n2'), { type: 'view-changes', epoch: first.value.epoch + 1, since: first.value.version });
    expect(stranger.status === 'ok' && stranger.value.full && stranger.value.members.length).toBe(10);
  });

  it('merges changes into the held list by node id, leaving the held view as it was', () => {
    const base = { self: 'a', phase: 'running', status: 'alive', incarnation: 0, joined: true, quorum: { hasQuorum: true, reachable: 3, needed: 2, known: 3 }, awareness: 0, at: 1 } as const;
    const m = (node: string, status: MembershipView['members'][number]['status'], since: number) => ({ node: node as NodeId, status, incarnation: 0, since });
    const held: MembershipView = { ...base, self: 'a' as NodeId, members: [m('a', 'alive', 0), m('c', 'alive', 0), m('e', 'alive', 0)] };
    const changes: MembershipViewChanges = { ...base, self: 'a' as NodeId, at: 9, epoch: 1, version: 7, full: false, members: [m('b', 'alive', 5), m('e', 'down', 9), m('f', 'alive', 9)] };
    const view = applyViewChanges(held, changes);
    expect(view.members.map((x) => `${x.node} ${x.status}`)).toEqual(['a alive', 'b alive', 'c alive', 'e down', 'f alive']);
    expect(view.at).toBe(9);
    expect(held.members.map((x) => x.node)).toEqual(['a', 'c', 'e']);
  });
});
