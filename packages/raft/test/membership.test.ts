import { describe, expect, it } from 'vitest';
import type { NodeId } from '@faultline/core';
import { restoreRaft } from '../src/core/persistence.ts';
import { CoreNet } from './core-net.ts';

// Membership change one server at a time (Raft thesis §4.1, §4.2.2; etcd-io/raft single-server
// ConfChange), on the pure core, message by message.

const cut = (net: CoreNet, a: string, b: string) => { net.cut.add(`${a}->${b}`); net.cut.add(`${b}->${a}`); };
const add = (node: string) => ({ kind: 'add' as const, node: node as NodeId });
const remove = (node: string) => ({ kind: 'remove' as const, node: node as NodeId });

/** Three voters n1–n3 and `extra` servers waiting to be added; a leader elected and its no-op committed. */
function cluster(extra = 1, seed = 1) {
  const net = new CoreNet(3 + extra, {}, seed, 3);
  net.run(1000);
  const leader = net.leaders()[0]!;
  const [f1, f2] = ['n1', 'n2', 'n3'].filter((n) => n !== leader) as [string, string];
  return { net, leader, f1, f2 };
}

describe('a configuration takes effect when appended (thesis §4.1)', () => {
  it('on the leader and on a follower before it commits, and quorums count the new voters at once', () => {
    const { net, leader, f1, f2 } = cluster();
    cut(net, leader, f2);
    cut(net, leader, 'n4');
    net.step(leader, { type: 'change', id: 'c1', change: add('n4') });
    const configIndex = net.node(leader).raft.status().lastIndex;
    expect(net.node(leader).accepted.get('c1')?.index).toBe(configIndex);
    expect(net.node(leader).raft.status()).toMatchObject({ voters: ['n1', 'n2', 'n3', 'n4'], configIndex });
    net.deliver();
    // f1 appended the entry: the new configuration is in force there, though nobody has committed it.
    expect(net.node(f1).raft.status()).toMatchObject({ voters: ['n1', 'n2', 'n3', 'n4'], configIndex });
    expect(net.node(f1).raft.status().commitIndex).toBeLessThan(configIndex);
    // Leader and f1 are a majority of the old three but not of the new four: nothing commits.
    net.step(leader, { type: 'propose', id: 'p1', command: 'after' });
    net.deliver();
    net.run(200);
    expect(net.node(leader).raft.status().commitIndex).toBeLessThan(configIndex);
    // The new server, reachable again, starts empty, catches up by the log and completes the majority.
    net.cut.clear();
    cut(net, leader, f2);
    net.run(300);
    expect(net.node(leader).raft.status().commitIndex).toBeGreaterThan(configIndex);
    expect(net.node('n4').raft.status()).toMatchObject({ voters: ['n1', 'n2', 'n3', 'n4'], commitIndex: net.node(leader).raft.status().commitIndex });
    expect(net.node('n4').applied.map((e) => e.index)).toEqual(net.node(leader).applied.map((e) => e.index));
    expect(net.violations).toEqual([]);
  });

  it('a truncated configuration entry takes its configuration with it: the node reverts to the previous one', () => {
    const { net, leader, f1 } = cluster();
    net.isolate(leader);
    net.step(leader, { type: 'change', id: 'c1', change: add('n4') });
    expect(net.node(leader).raft.status().voters).toHaveLength(4);
    net.fire(f1); // the others elect a leader of a newer term, whose entries replace the uncommitted one
    expect(net.leaders()).toContain(f1);
    net.heal();
    net.run(500);
    const old = net.node(leader).raft.status();
    expect(old).toMatchObject({ role: 'follower', leader: f1, voters: ['n1', 'n2', 'n3'] });
    expect(net.events.filter((e) => e.node === leader && e.type === 'config').map((e) => (e.type === 'config' ? e.voters.length : 0))).toEqual([4, 3]);
    expect(net.violations).toEqual([]);
  });
});

describe('one change at a time', () => {
  it('refuses a second change while the first is uncommitted, and takes it once the first commits', () => {
    const { net, leader, f1, f2 } = cluster(2);
    cut(net, leader, f1);
    cut(net, leader, f2);
    net.step(leader, { type: 'change', id: 'c1', change: add('n4') });
    net.step(leader, { type: 'change', id: 'c2', change: add('n5') });
    expect(net.node(leader).refused.get('c2')).toBe(`change-in-progress:${leader}`);
    expect(net.node(leader).raft.status().voters).toHaveLength(4);
    net.cut.clear();
    net.run(300);
    net.step(leader, { type: 'change', id: 'c3', change: add('n5') });
    expect(net.node(leader).accepted.has('c3')).toBe(true);
    net.deliver();
    net.run(300);
    for (const id of ['n1', 'n2', 'n3', 'n4', 'n5']) expect(net.node(id).raft.status().voters).toEqual(['n1', 'n2', 'n3', 'n4', 'n5']);
  });

  it('refuses a change before the leader has committed an entry of its term, from a follower, and one that changes nothing', () => {
    const net = new CoreNet(4, {}, 1, 3);
    net.node('n1').raft.step({ type: 'tick' }, 0); // nothing yet
    net.now = net.node('n1').raft.nextDeadline();
    net.step('n1', { type: 'tick' });
    net.deliverUntil(() => net.leaders().length > 0);
    const leader = net.leaders()[0]!;
    net.step(leader, { type: 'change', id: 'early', change: add('n4') });
    expect(net.node(leader).refused.get('early')).toBe(`not-ready:${leader}`);
    net.deliver();
    const follower = ['n1', 'n2', 'n3'].find((n) => n !== leader)!;
    net.step(follower, { type: 'change', id: 'f', change: add('n4') });
    expect(net.node(follower).refused.get('f')).toBe(`not-leader:${leader}`);
    net.step(leader, { type: 'change', id: 'dup', change: add(follower) });
    net.step(leader, { type: 'change', id: 'ghost', change: remove('n4') });
    expect([net.node(leader).refused.get('dup'), net.node(leader).refused.get('ghost')]).toEqual([`bad-change:${leader}`, `bad-change:${leader}`]);
    expect(() => net.step(leader, { type: 'propose', id: 'p', command: { type: 'raft-config', voters: ['n1'] } })).toThrow(/configuration entry/);
  });
});

describe('removing the leader (thesis §4.2.2)', () => {
  it('keeps replicating without counting itself, steps down once the entry commits, hands over, and never campaigns again', () => {
    const { net, leader, f1, f2 } = cluster(0);
    cut(net, leader, f2);
    net.step(leader, { type: 'change', id: 'c1', change: remove(leader) });
    const configIndex = net.node(leader).raft.status().lastIndex;
    net.deliver();
    net.run(100);
    // Leader + f1 would be a majority of two only if the leader counted itself.
    expect(net.node(leader).raft.status()).toMatchObject({ role: 'leader', voters: [f1, f2].sort() });
    expect(net.node(leader).raft.status().commitIndex).toBeLessThan(configIndex);
    net.heal();
    net.run(100);
    expect(net.node(leader).raft.status().role).toBe('follower');
    expect(net.node(f1).raft.status().commitIndex).toBeGreaterThanOrEqual(configIndex);
    // It handed over on the way out (raft-timeout-now): a voter leads the next term without waiting out a timeout.
    const term = net.node(leader).raft.status().term;
    expect(net.leaders().map((n) => [n, net.node(n).raft.status().term])).toEqual([[expect.stringMatching(new RegExp(`^(${f1}|${f2})$`)), term + 1]]);
    const eventsBefore = net.events.length;
    net.run(3000);
    expect(net.leaders()).toHaveLength(1);
    expect([f1, f2]).toContain(net.leaders()[0]);
    expect(net.events.slice(eventsBefore).some((e) => e.node === leader && e.type === 'role' && e.role !== 'follower')).toBe(false);
    // The new leader commits with the two voters alone.
    const next = net.leaders()[0]!;
    net.step(next, { type: 'propose', id: 'p', command: 'two' });
    net.deliver();
    net.run(100);
    expect(net.node(next).raft.status().commitIndex).toBe(net.node(next).raft.status().lastIndex);
    expect(net.violations).toEqual([]);
  });
});

describe('catching up and restarting', () => {
  it('a new server behind the leader\'s snapshot catches up by InstallSnapshot, which carries the configuration', () => {
    const { net, leader } = cluster();
    for (let i = 0; i < 10; i++) net.step(leader, { type: 'propose', id: `p${i}`, command: i });
    net.deliver();
    net.run(100);
    const commit = net.node(leader).raft.status().commitIndex;
    net.step(leader, { type: 'compact', index: commit, data: 'state' });
    net.step(leader, { type: 'change', id: 'c1', change: add('n4') });
    net.deliver();
    net.run(300);
    const n4 = net.node('n4').raft.status();
    expect(n4).toMatchObject({ snapIndex: commit, voters: ['n1', 'n2', 'n3', 'n4'], commitIndex: net.node(leader).raft.status().commitIndex });
    expect(restoreRaft(net.node('n4').storage).snapshot).toMatchObject({ index: commit, voters: ['n1', 'n2', 'n3'], data: 'state' });
  });

  it('restores the configuration after a restart, from the log and from a snapshot that covers the entry', () => {
    const { net, leader, f1 } = cluster();
    net.step(leader, { type: 'change', id: 'c1', change: add('n4') });
    net.deliver();
    net.run(300);
    net.crash(f1);
    net.restart(f1);
    expect(net.node(f1).raft.status().voters).toEqual(['n1', 'n2', 'n3', 'n4']);
    net.run(300);
    const commit = net.node(f1).raft.status().commitIndex;
    net.step(f1, { type: 'compact', index: commit, data: 'state' });
    expect(restoreRaft(net.node(f1).storage).snapshot?.voters).toEqual(['n1', 'n2', 'n3', 'n4']);
    net.crash(f1);
    net.restart(f1);
    expect(net.node(f1).raft.status()).toMatchObject({ snapIndex: commit, configIndex: commit, voters: ['n1', 'n2', 'n3', 'n4'] });
  });
});

// The rules planted broken, each caught by a checker on a scripted schedule: membership-bugs.test.ts.

describe('learners: members that receive the log without a vote, then are promoted (thesis §4.2.1)', () => {
  const addLearner = (node: string) => ({ kind: 'add-learner' as const, node: node as NodeId });
  const promote = (node: string) => ({ kind: 'promote' as const, node: node as NodeId });

  it('a learner gets every entry, but its acknowledgement never makes a majority and it never campaigns', () => {
    const { net, leader, f1, f2 } = cluster();
    net.step(leader, { type: 'change', id: 'l', change: addLearner('n4') });
    net.deliver();
    net.run(200);
    expect(net.node(leader).raft.status()).toMatchObject({ voters: ['n1', 'n2', 'n3'], learners: ['n4'] });
    expect(net.node('n4').raft.status()).toMatchObject({ role: 'follower', voters: ['n1', 'n2', 'n3'], learners: ['n4'] });
    expect(net.node('n4').applied.map((e) => e.index)).toEqual(net.node(leader).applied.map((e) => e.index));
    // The leader and the learner alone: two of four members, but one of three voters: nothing commits.
    cut(net, leader, f1);
    cut(net, leader, f2);
    net.step(leader, { type: 'propose', id: 'p', command: 'x' });
    net.deliver();
    net.run(100);
    expect(net.node('n4').raft.status().lastIndex).toBe(net.node(leader).raft.status().lastIndex);
    expect(net.node(leader).raft.status().commitIndex).toBeLessThan(net.node(leader).raft.status().lastIndex);
    // Cut off from the leader too, the learner never campaigns; the voters elect among themselves.
    net.isolate('n4');
    cut(net, leader, 'n4');
    net.run(3000);
    expect(net.events.some((e) => e.node === 'n4' && e.type === 'role' && e.role !== 'follower')).toBe(false);
    expect(net.violations).toEqual([]);
  });

  it('promotion is refused while the learner is behind the commit index, and takes it into the quorum once caught up', () => {
    const { net, leader, f1, f2 } = cluster();
    cut(net, leader, 'n4');
    net.step(leader, { type: 'change', id: 'l', change: addLearner('n4') });
    for (let i = 0; i < 5; i++) net.step(leader, { type: 'propose', id: `p${i}`, command: i });
    net.deliver();
    net.run(100);
    net.step(leader, { type: 'change', id: 'early', change: promote('n4') });
    expect(net.node(leader).refused.get('early')).toBe(`not-ready:${leader}`);
    net.step(leader, { type: 'change', id: 'dup', change: addLearner('n4') });
    net.step(leader, { type: 'change', id: 'voter', change: { kind: 'add', node: 'n4' as NodeId } });
    net.step(leader, { type: 'change', id: 'nobody', change: promote('n5') });
    expect(['dup', 'voter', 'nobody'].map((id) => net.node(leader).refused.get(id))).toEqual([`bad-change:${leader}`, `bad-change:${leader}`, `bad-change:${leader}`]);
    net.heal();
    net.run(200);
    net.step(leader, { type: 'change', id: 'ok', change: promote('n4') });
    expect(net.node(leader).accepted.has('ok')).toBe(true);
    net.deliver();
    net.run(100);
    for (const id of ['n1', 'n2', 'n3', 'n4']) expect(net.node(id).raft.status()).toMatchObject({ voters: ['n1', 'n2', 'n3', 'n4'], learners: [] });
    // Now a voter: the leader, f1 and n4 are three of four and commit without f2.
    cut(net, leader, f2);
    net.step(leader, { type: 'propose', id: 'after', command: 'y' });
    net.deliver();
    net.run(100);
    expect(net.node(leader).raft.status().commitIndex).toBe(net.node(leader).raft.status().lastIndex);
    expect(net.node(f1).raft.status().voters).toContain('n4');
    expect(net.violations).toEqual([]);
  });

  it('a learner can be removed, and learners survive a snapshot and a restart', () => {
    const { net, leader, f1 } = cluster(2);
    net.step(leader, { type: 'change', id: 'l4', change: addLearner('n4') });
    net.deliver();
    net.run(100);
    net.step(leader, { type: 'change', id: 'l5', change: addLearner('n5') });
    net.deliver();
    net.run(100);
    net.step(leader, { type: 'change', id: 'r4', change: remove('n4') });
    net.deliver();
    net.run(100);
    expect(net.node(f1).raft.status()).toMatchObject({ voters: ['n1', 'n2', 'n3'], learners: ['n5'] });
    const commit = net.node(f1).raft.status().commitIndex;
    net.step(f1, { type: 'compact', index: commit, data: 'state' });
    expect(restoreRaft(net.node(f1).storage).snapshot).toMatchObject({ voters: ['n1', 'n2', 'n3'], learners: ['n5'] });
    net.crash(f1);
    net.restart(f1);
    expect(net.node(f1).raft.status()).toMatchObject({ configIndex: commit, voters: ['n1', 'n2', 'n3'], learners: ['n5'] });
  });
});
