import { describe, expect, it } from 'vitest';
import type { NodeId } from '@faultline/core';
import type { MembershipBug } from '../src/core/membership-bugs.ts';
import { CoreNet } from './core-net.ts';

// Each membership rule of Raft thesis §4.1–§4.2.2 planted broken (`unsafeMembership`), on the pure core,
// message by message: one scripted schedule per rule, which a checker catches with the rule broken and
// passes with the code as built. The checkers are Election Safety (two leaders in one term, Raft Figure 3)
// and State Machine Safety (two entries committed at one index, CoreNet's `violations`). The same rules
// under random faults: membership-nemesis.test.ts.

const cut = (net: CoreNet, a: string, b: string) => { net.cut.add(`${a}->${b}`); net.cut.add(`${b}->${a}`); };
const uncut = (net: CoreNet, a: string, b: string) => { net.cut.delete(`${a}->${b}`); net.cut.delete(`${b}->${a}`); };
const partition = (net: CoreNet, left: string[], right: string[]) => { for (const a of left) for (const b of right) cut(net, a, b); };
const add = (node: string) => ({ kind: 'add' as const, node: node as NodeId });
const remove = (node: string) => ({ kind: 'remove' as const, node: node as NodeId });

/** Two leaders of one term, from every node's role events: Election Safety broken. */
function twoLeaders(net: CoreNet): string[] {
  const leaderOf = new Map<number, string>();
  const out: string[] = [];
  for (const e of net.events) {
    if (e.type !== 'role' || e.role !== 'leader') continue;
    const first = leaderOf.get(e.term);
    if (first !== undefined && first !== e.node) out.push(`term ${e.term}: ${first} and ${e.node}`);
    leaderOf.set(e.term, e.node);
  }
  return out;
}

/** What the checkers found: second leaders of a term, then entries committed over other committed ones. */
const verdict = (net: CoreNet): string[] => [...twoLeaders(net), ...net.violations];

/** A network of `count` nodes, the first `voters` the configuration, no pre-vote or CheckQuorum (so a schedule elects whom it fires). */
const network = (bug: MembershipBug, count: number, voters: number) => new CoreNet(count, { preVote: false, checkQuorum: false, unsafeMembership: bug }, 1, voters);

/**
 * n1 leads {n1, n2, n3} and adds n4 and n5 while cut off from n2 and n3; one heartbeat then carries both
 * entries to n2 and n3, which never hear that they committed. n2 and n4 campaign in term 2.
 */
function adoptAtCommit(bug: MembershipBug): CoreNet {
  const net = network(bug, 5, 3);
  net.fire('n1');
  partition(net, ['n4', 'n5'], ['n2', 'n3']);
  partition(net, ['n1'], ['n2', 'n3']);
  net.step('n1', { type: 'change', id: 'c1', change: add('n4') });
  net.step('n1', { type: 'change', id: 'c2', change: add('n5') }); // refused change-in-progress, unless no configuration in force is ever uncommitted
  net.deliver();
  for (const b of ['n2', 'n3']) uncut(net, 'n1', b);
  net.fire('n1'); // a heartbeat: n2 and n3 append what n1 holds; n1 commits it
  partition(net, ['n1'], ['n2', 'n3']);
  net.fire('n1'); // n4 and n5 catch up and learn the commit index
  net.fire('n2'); // {n2, n3}: a majority of {n1, n2, n3}, the configuration n2 holds committed
  net.fire('n4'); // {n4, n1, n5}: a majority of {n1 … n5}
  return net;
}

/** n1 leads {n1, n2, n3}; cut off from n2 and n3, it adds n4 then n5 at once; then n2 and n4 each campaign. */
function concurrentChanges(bug: MembershipBug): CoreNet {
  const net = network(bug, 5, 3);
  net.fire('n1');
  partition(net, ['n1', 'n4', 'n5'], ['n2', 'n3']);
  net.step('n1', { type: 'change', id: 'c1', change: add('n4') });
  net.step('n1', { type: 'change', id: 'c2', change: add('n5') });
  net.deliver();
  net.fire('n2'); // {n2, n3} is a majority of {n1, n2, n3}, the configuration n2 and n3 hold
  net.fire('n4'); // {n4, n1, n5} is a majority of {n1 … n5} only if both additions are in force
  return net;
}

/**
 * n1 leads {n1 … n4}; alone, it removes n4, then takes n2's log of term 2, which truncates that entry.
 * n2 adds n5 with n4 and n5 while {n1, n3} are cut off; then n1 and n4 campaign in term 3.
 */
function keepOnTruncation(bug: MembershipBug): CoreNet {
  const net = network(bug, 5, 4);
  net.fire('n1');
  net.isolate('n1');
  net.step('n1', { type: 'change', id: 'c1', change: remove('n4') }); // n1 takes {n1, n2, n3}
  net.fire('n2'); // n2 leads term 2 with n3 and n4; its no-op goes where n1's configuration entry is
  net.heal();
  net.fire('n2'); // n1 takes n2's log: its configuration entry is truncated
  partition(net, ['n1', 'n3'], ['n2', 'n4', 'n5']);
  net.step('n2', { type: 'change', id: 'c2', change: add('n5') });
  net.deliver(); // n5 catches up; {n2, n4, n5} commit {n1 … n5}
  net.fire('n1'); // {n1, n3}: a majority only of the {n1, n2, n3} a truncation should have taken away
  net.fire('n4'); // {n4, n2, n5}: a majority of {n1 … n5}
  return net;
}

/** n1 leads {n1, n2, n3} and adds n4 with only n4 reachable; then n2 leads term 2 with n3. */
function oldQuorum(bug: MembershipBug): CoreNet {
  const net = network(bug, 4, 3);
  net.fire('n1');
  partition(net, ['n1', 'n4'], ['n2', 'n3']);
  net.step('n1', { type: 'change', id: 'c1', change: add('n4') });
  net.deliver(); // n4 catches up: n1 and n4 are two of four, a majority only by the old configuration's count
  net.fire('n2'); // {n2, n3}, a majority of {n1, n2, n3}, commit n2's no-op at the index n1 committed its entry
  return net;
}

/** n1 leads {n1 … n4} and removes itself; with only n2 reachable it takes a write; then n3 leads term 2 with n4. */
function removedLeaderStays(bug: MembershipBug): CoreNet {
  const net = network(bug, 4, 4);
  net.fire('n1');
  net.step('n1', { type: 'change', id: 'c1', change: remove('n1') });
  net.deliver(); // {n2, n3, n4} commit it: n1 should hand over and step down
  partition(net, ['n1', 'n2'], ['n3', 'n4']);
  net.step('n1', { type: 'propose', id: 'w', command: 'x' }); // refused by a follower; a leader counting itself commits it with n2
  net.deliver();
  net.fire('n3'); // {n3, n4}, a majority of {n2, n3, n4}, commit n3's no-op at the index of the write
  return net;
}

const SCHEDULES: Record<Exclude<MembershipBug, 'none'>, { play: (bug: MembershipBug) => CoreNet; caught: RegExp }> = {
  'adopt-at-commit': { play: adoptAtCommit, caught: /^term 2: n2 and n4$/ },
  'concurrent-changes': { play: concurrentChanges, caught: /^term 2: n2 and n4$/ },
  'keep-on-truncation': { play: keepOnTruncation, caught: /^term 3: n1 and n4$/ },
  'old-quorum': { play: oldQuorum, caught: /^n2 committed \(2, term 2\) where \(2, term 1\) was committed$/ },
  'removed-leader-stays': { play: removedLeaderStays, caught: /^n3 committed \(3, term 2\) where \(3, term 1\) was committed$/ },
};

describe('each membership rule broken is caught on its schedule, and kept passes it (thesis §4.1–§4.2.2)', () => {
  for (const [bug, { play, caught }] of Object.entries(SCHEDULES)) {
    it(`planted ${bug}: a checker catches it`, () => {
      const found = verdict(play(bug as MembershipBug));
      expect(found.length).toBeGreaterThan(0);
      expect(found[0]).toMatch(caught);
    });
    it(`the same schedule as ${bug}'s, with every rule kept: one leader per term and no committed entry replaced`, () => {
      expect(verdict(play('none'))).toEqual([]);
    });
  }

  it('the rules kept refuse the second change and the removed leader\'s write, where the broken ones took them', () => {
    expect(concurrentChanges('none').node('n1').refused.get('c2')).toBe('change-in-progress:n1');
    expect(concurrentChanges('concurrent-changes').node('n1').accepted.has('c2')).toBe(true);
    expect(adoptAtCommit('none').node('n1').refused.get('c2')).toBe('change-in-progress:n1');
    expect(adoptAtCommit('adopt-at-commit').node('n1').accepted.has('c2')).toBe(true);
    expect(removedLeaderStays('none').node('n1').refused.get('w')).toMatch(/^not-leader:/);
    expect(removedLeaderStays('removed-leader-stays').node('n1').accepted.has('w')).toBe(true);
  });

  it('a truncated configuration entry is reverted as built, and kept under keep-on-truncation', () => {
    expect(keepOnTruncation('none').node('n1').raft.status().voters).toEqual(['n1', 'n2', 'n3', 'n4']);
    expect(keepOnTruncation('keep-on-truncation').node('n1').raft.status().voters).toEqual(['n1', 'n2', 'n3']);
  });
});
