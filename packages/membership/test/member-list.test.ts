import { describe, expect, it } from 'vitest';
import { nodeId } from '@faultline/core';
import type { MembershipConfigInput } from '../src/index.ts';
import { claim, Harness, nodes } from './fixtures/harness.ts';

// The pure SWIM + Lifeguard state machine, driven message by message in virtual time.
// Preset sim-fast: probe interval 100 ms, probe timeout 50 ms, k = 3, suspicion 4×/6×.
// With 5 members: minimum suspicion 400 ms, maximum 2400 ms, 2 confirmations expected.

const five = nodes(5);

function cluster(options: { config?: MembershipConfigInput } = {}): Harness {
  const h = new Harness({ members: five, ...(options.config ? { config: options.config } : {}) });
  h.step({ type: 'start' });
  h.know(five);
  for (const n of five.slice(1)) h.direct.add(n);
  return h;
}

describe('MemberList: start and join', () => {
  it('announces itself alive and asks every seed but itself to join, retrying until one answers', () => {
    const h = new Harness({ members: nodes(3), seeds: nodes(3) });
    h.step({ type: 'start' });
    expect(h.events('member-up')).toMatchObject([{ node: 'n1', previous: 'none', incarnation: 0 }]);
    expect(h.sent('sync').map((s) => [s.to, s.message.join])).toEqual([['n2', true], ['n3', true]]);
    h.advance(100);
    expect(h.sent('sync')).toHaveLength(4);
    h.receive('n2', { type: 'sync-reply', state: [claim('n2', 'alive', 0), claim('n3', 'alive', 3)] });
    expect(h.list.view()).toMatchObject({ joined: true, members: [{ node: 'n1' }, { node: 'n2', status: 'alive' }, { node: 'n3', incarnation: 3 }] });
    h.advance(500);
    expect(h.sent('sync').filter((s) => s.message.join)).toHaveLength(4);
  });

  it('answers a sync with its full state after merging the sender\'s', () => {
    const h = new Harness({ members: nodes(3) });
    h.step({ type: 'start' });
    h.receive('n3', { type: 'sync', join: true, state: [claim('n3', 'alive', 0)] });
    const reply = h.sent('sync-reply')[0];
    expect(reply?.to).toBe('n3');
    expect(reply?.message.state.map((u) => u.node).sort()).toEqual(['n1', 'n3']);
  });
});

describe('MemberList: probing (SWIM §3.1, §4.3)', () => {
  it('probes one member per protocol period, every member once per round', () => {
    const h = cluster();
    h.advance(1300);
    const pings = h.sent('ping').slice(0, 12).map((p) => p.to);
    for (const n of five.slice(1)) expect(pings.filter((t) => t === n)).toHaveLength(3);
    for (let round = 0; round < 3; round++) expect(new Set(pings.slice(round * 4, round * 4 + 4)).size).toBe(4);
    expect(h.sent('ping-req')).toHaveLength(0);
  });

  it('asks k relays after the probe timeout and takes their relayed ack as success', () => {
    const h = cluster();
    h.direct.delete('n3');
    h.viaRelay.add('n3');
    h.advance(600);
    const ping = h.sent('ping').find((p) => p.to === 'n3');
    const reqs = h.sent('ping-req');
    expect(reqs).toHaveLength(3);
    for (const r of reqs) expect(r.message).toMatchObject({ seq: ping?.message.seq, target: 'n3' });
    expect(reqs[0]?.at).toBe((ping?.at ?? 0) + 50);
    expect(h.status('n3')).toBe('alive');
  });

  it('marks a member unreachable and gossips a suspicion when direct and indirect probes fail', () => {
    const h = cluster();
    h.direct.delete('n3');
    h.advance(600);
    const ping = h.sent('ping').find((p) => p.to === 'n3');
    expect(h.events('member-unreachable')).toMatchObject([{ node: 'n3', previous: 'alive', at: (ping?.at ?? 0) + 100 }]);
    const gossip = h.sent('gossip').flatMap((g) => g.message.updates);
    expect(gossip).toContainEqual(claim('n3', 'suspect', 0, 'n1'));
  });

  it('abandons a probe instead of suspecting when its own timers ran late (a stalled node)', () => {
    const h = cluster();
    h.direct.clear();
    h.advance((h.list.deadlines.at({ kind: 'probe' }) ?? NaN) - h.now);
    expect(h.sent('ping')).toHaveLength(1);
    h.now += 5000; // paused: every deadline is now long overdue
    h.step({ type: 'tick' });
    expect(h.events('member-unreachable')).toHaveLength(0);
    expect(h.effects.some((e) => e.type === 'log' && e.message.startsWith('probe abandoned'))).toBe(true);
    expect(h.list.view().awareness).toBe(1);
  });
});

describe('MemberList: relaying (SWIM ping-req, Lifeguard nack)', () => {
  it('pings the target for the requester and forwards its ack under the requester\'s seq', () => {
    const h = cluster();
    h.receive('n2', { type: 'ping-req', seq: 77, target: nodeId('n4'), updates: [] });
    const ping = h.sent('ping').at(-1);
    expect(ping).toMatchObject({ to: 'n4', message: { target: 'n4' } });
    h.receive('n4', { type: 'ack', seq: ping?.message.seq ?? -1, updates: [] });
    expect(h.sent('ack').at(-1)).toMatchObject({ to: 'n2', message: { seq: 77 } });
  });

  it('sends a nack when the target stays silent for the probe timeout', () => {
    const h = cluster();
    h.direct.delete('n5');
    h.receive('n2', { type: 'ping-req', seq: 78, target: nodeId('n5'), updates: [] });
    const at = h.now;
    h.advance(60);
    expect(h.sent('nack')).toMatchObject([{ to: 'n2', at: at + 50, message: { seq: 78 } }]);
  });
});

describe('MemberList: suspicion (SWIM §4.2, Lifeguard §IV-B)', () => {
  function suspectN3(): { h: Harness; since: number } {
    const h = cluster();
    h.direct.delete('n3');
    h.advance(600);
    const since = h.events('member-unreachable')[0]?.at ?? NaN;
    return { h, since };
  }

  it('declares an unconfirmed suspect down after the maximum suspicion timeout, 6 × 400 ms', () => {
    const { h, since } = suspectN3();
    h.advance(3000);
    expect(h.events('member-down')).toMatchObject([{ node: 'n3', incarnation: 0, at: since + 2400 }]);
    expect(h.sent('gossip').flatMap((g) => g.message.updates)).toContainEqual(claim('n3', 'dead', 0, 'n1'));
  });

  it('shortens the timeout to the minimum with k = 2 independent confirmations', () => {
    const { h, since } = suspectN3();
    h.receive('n2', { type: 'gossip', updates: [claim('n3', 'suspect', 0, 'n2')] });
    h.receive('n4', { type: 'gossip', updates: [claim('n3', 'suspect', 0, 'n4')] });
    h.receive('n4', { type: 'gossip', updates: [claim('n3', 'suspect', 0, 'n4')] }); // a repeat is not independent
    h.advance(3000);
    expect(h.events('member-down')[0]?.at).toBe(since + 400);
  });

  it('with one confirmation, waits max − log(2)/log(3)·(max − min) = 1138 ms', () => {
    const { h, since } = suspectN3();
    h.receive('n2', { type: 'gossip', updates: [claim('n3', 'suspect', 0, 'n2')] });
    h.advance(3000);
    expect(h.events('member-down')[0]?.at).toBe(since + 1138);
  });

  it('takes a suspect back as alive when it refutes with a higher incarnation', () => {
    const { h } = suspectN3();
    h.direct.add('n3');
    h.receive('n3', { type: 'gossip', updates: [claim('n3', 'alive', 1)] });
    h.advance(3000);
    expect(h.status('n3')).toBe('alive');
    expect(h.events('member-up').at(-1)).toMatchObject({ node: 'n3', previous: 'unreachable', incarnation: 1 });
    expect(h.events('member-down')).toHaveLength(0);
  });

  it('probes a suspect once more before downing it when it only heard of the suspicion', () => {
    const h = cluster();
    h.receive('n2', { type: 'gossip', updates: [claim('n3', 'suspect', 0, 'n2')] });
    const since = h.now;
    h.advance(2399);
    h.direct.delete('n3');
    h.advance(102);
    const last = h.sent('ping', since + 2400).filter((p) => p.to === 'n3');
    expect(last).toHaveLength(1);
    expect(last[0]?.message.updates[0]).toEqual(claim('n3', 'suspect', 0, 'n2')); // the buddy system: the ping carries the suspicion
    h.receive('n3', { type: 'ack', seq: last[0]?.message.seq ?? -1, updates: [claim('n3', 'alive', 1)] });
    h.direct.add('n3');
    h.advance(1000);
    expect(h.events('member-down')).toHaveLength(0);
    expect(h.status('n3')).toBe('alive');
  });

  it('keeps a downed member down until it comes back with a higher incarnation', () => {
    const { h } = suspectN3();
    h.advance(3000);
    h.receive('n3', { type: 'gossip', updates: [claim('n3', 'alive', 0)] });
    expect(h.status('n3')).toBe('down');
    h.receive('n3', { type: 'gossip', updates: [claim('n3', 'alive', 1)] });
    expect(h.status('n3')).toBe('alive');
  });
});

describe('MemberList: refutation', () => {
  it('refutes a suspicion of itself with a higher incarnation and raises its local health score', () => {
    const h = cluster();
    h.receive('n2', { type: 'gossip', updates: [claim('n1', 'suspect', 0, 'n2')] });
    expect(h.list.view()).toMatchObject({ incarnation: 1, status: 'alive', awareness: 1 });
    h.advance(20);
    expect(h.sent('gossip').flatMap((g) => g.message.updates)).toContainEqual(claim('n1', 'alive', 1));
  });

  it('answers a stale accusation with the newer claim, straight to its sender', () => {
    const h = cluster();
    h.receive('n3', { type: 'gossip', updates: [claim('n3', 'alive', 2)] });
    const out = h.receive('n2', { type: 'gossip', updates: [claim('n3', 'suspect', 1, 'n2')] });
    expect(out).toContainEqual({ type: 'send', to: 'n2', message: { type: 'gossip', updates: [claim('n3', 'alive', 2)] } });
    expect(h.status('n3')).toBe('alive');
  });
});

describe('MemberList: leave and rejoin', () => {
  it('leaves by telling every member directly, then goes quiet', () => {
    const h = cluster();
    h.step({ type: 'leave' });
    const told = h.sent('gossip').filter((g) => g.message.updates.some((u) => u.node === 'n1' && u.state === 'left'));
    expect(told.map((g) => g.to).sort()).toEqual(['n2', 'n3', 'n4', 'n5']);
    expect(h.events('member-left')).toMatchObject([{ node: 'n1' }]);
    expect(h.events('quorum-lost')).toHaveLength(1);
    expect(h.list.nextDeadline()).toBeUndefined();
    expect(h.receive('n2', { type: 'ping', seq: 1, target: nodeId('n1'), updates: [] })).toEqual([]);
  });

  it('rejoins after leaving only with a higher incarnation', () => {
    const h = cluster();
    h.step({ type: 'leave' });
    h.step({ type: 'join', seeds: [nodeId('n2')] });
    expect(h.list.view()).toMatchObject({ phase: 'running', status: 'alive', incarnation: 1 });
    expect(h.sent('sync').at(-1)?.message.state).toContainEqual(claim('n1', 'alive', 1));
  });
});

describe('MemberList: quorum', () => {
  it('reports quorum lost when a majority becomes unreachable, and regained when reached again', () => {
    const h = cluster({ config: { suspicionMaxMult: 50 } }); // long suspicions: nobody goes down in this test
    expect(h.events('quorum-regained')).toHaveLength(1);
    for (const n of ['n3', 'n4', 'n5']) h.direct.delete(n);
    // Lifeguard: relays that never nack raise n1's local health score, so its probes slow down.
    h.advance(3000);
    expect(h.events('quorum-lost')).toMatchObject([{ quorum: { hasQuorum: false, reachable: 2, needed: 3, known: 5 } }]);
    for (const n of ['n3', 'n4', 'n5']) h.direct.add(n);
    h.advance(3000);
    expect(h.events('quorum-regained')).toHaveLength(2);
    expect(h.list.quorum()).toMatchObject({ hasQuorum: true, reachable: 5 });
  });

  it('counts configured members it has not heard from toward the majority', () => {
    const h = new Harness({ members: five });
    h.step({ type: 'start' });
    expect(h.list.quorum()).toEqual({ hasQuorum: false, reachable: 1, needed: 3, known: 5 });
  });
});
