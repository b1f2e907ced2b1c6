import { describe, expect, it } from 'vitest';
import { MemoryStorage } from '@faultline/core';
import { parseRaftMessage, RaftMessageError } from '../src/core/validate.ts';
import { restoreRaft } from '../src/core/persistence.ts';
import { CoreNet } from './core-net.ts';

// Unit tests of the pure core, driven message by message as etcd-io/raft's raft_test.go does.

describe('Raft election (§5.2)', () => {
  it('elects exactly one leader, which commits a no-op of its own term on every node', () => {
    const net = new CoreNet(5);
    net.run(1000);
    expect(net.leaders()).toHaveLength(1);
    const leader = net.node(net.leaders()[0]!).raft.status();
    for (const [, n] of net.nodes) {
      expect(n.raft.status().term).toBe(leader.term);
      expect(n.applied.at(-1)).toEqual({ index: leader.lastIndex, term: leader.term, command: null });
    }
    expect(net.violations).toEqual([]);
  });

  it('never has two leaders in one term across seeds and crashes', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const net = new CoreNet(3, {}, seed);
      const leaderOfTerm = new Map<number, string>();
      for (let round = 0; round < 5; round++) {
        net.run(700);
        for (const e of net.events) {
          if (e.type !== 'role' || e.role !== 'leader') continue;
          expect(leaderOfTerm.get(e.term) ?? e.node).toBe(e.node);
          leaderOfTerm.set(e.term, e.node);
        }
        const leader = net.leaders()[0];
        if (leader !== undefined) { net.crash(leader); net.run(700); net.restart(leader); }
      }
      expect(leaderOfTerm.size).toBeGreaterThan(1);
    }
  });

  it('remembers its vote across a crash: a restarted node does not vote twice in a term (Figure 2, persistent votedFor)', () => {
    const net = new CoreNet(3, { preVote: false, checkQuorum: false });
    net.fire('n1');
    expect(net.leaders()).toEqual(['n1']);
    const term = net.node('n2').raft.status().term;
    expect(restoreRaft(net.node('n2').storage).hardState).toEqual({ term, votedFor: 'n1' });
    net.crash('n2');
    net.restart('n2');
    expect(net.node('n2').raft.status().term).toBe(term);
    // n3 asks n2 for a vote in the same term: refused because n2 voted for n1.
    net.step('n2', { type: 'message', from: 'n3' as never, message: { type: 'raft-vote', term, pre: false, lastIndex: 99, lastTerm: term } });
    expect(net.queue.at(-1)?.message).toMatchObject({ type: 'raft-vote-reply', granted: false });
  });
});

describe('Raft replication and the commit rule (§5.3, §5.4.2)', () => {
  it('commits a proposal on a majority and applies it on every node in the same order', () => {
    const net = new CoreNet(3);
    net.run(1000);
    const leader = net.leaders()[0]!;
    for (let i = 0; i < 10; i++) net.step(leader, { type: 'propose', id: `p${i}`, command: { op: 'write', key: 'x', value: i } });
    net.deliver();
    net.run(200);
    const logs = [...net.nodes.values()].map((n) => n.applied.map((e) => `${e.index}/${e.term}`).join(','));
    expect(new Set(logs).size).toBe(1);
    expect(net.node(leader).applied.filter((e) => e.command !== null)).toHaveLength(10);
  });

  it('does not commit without a majority, and a follower refuses proposals with a leader hint', () => {
    const net = new CoreNet(3);
    net.run(1000);
    const leader = net.leaders()[0]!;
    const follower = [...net.nodes.keys()].find((id) => id !== leader)!;
    net.step(follower, { type: 'propose', id: 'f', command: 1 });
    expect(net.node(follower).refused.get('f')).toBe(`not-leader:${leader}`);
    net.isolate(leader);
    const before = net.node(leader).raft.status().commitIndex;
    net.step(leader, { type: 'propose', id: 'lonely', command: 1 });
    net.deliver();
    expect(net.node(leader).raft.status().commitIndex).toBe(before);
  });

  it('a restarted follower catches up from its persisted log after missing entries', () => {
    const net = new CoreNet(3);
    net.run(1000);
    const leader = net.leaders()[0]!;
    const lagger = [...net.nodes.keys()].find((id) => id !== leader)!;
    net.crash(lagger);
    for (let i = 0; i < 100; i++) net.step(leader, { type: 'propose', id: `p${i}`, command: i });
    net.deliver();
    net.restart(lagger);
    net.run(500);
    expect(net.node(lagger).raft.status().commitIndex).toBe(net.node(leader).raft.status().commitIndex);
    expect(net.violations).toEqual([]);
  });

  /**
   * Raft Figure 8, step by step. (a) n1 leads and stores X at index 2 on n2 only; (b) n5 is elected
   * without X and appends its no-op at index 2 that nobody else gets; (c) n1 leads again and copies
   * X to n3 — X is on a majority, but of an older term; (d) n1 crashes while its own no-op is on n1 and n2 only,
   * and n5 (newer last term) is elected and overwrites index 2. Counting replicas commits X in (c)
   * and loses it in (d); the §5.4.2 rule never commits X.
   */
  function figure8(unsafe: boolean): CoreNet {
    const net = new CoreNet(5, { preVote: false, checkQuorum: false, maxEntriesPerAppend: 1, unsafeCommitOldTerms: unsafe });
    net.fire('n1');
    expect(net.leaders()).toEqual(['n1']);
    net.run(10); // the no-op at index 1 commits everywhere
    for (const to of ['n3', 'n4', 'n5']) net.cut.add(`n1->${to}`);
    net.step('n1', { type: 'propose', id: 'X', command: 'X' });
    net.deliver();
    expect(net.node('n2').raft.status().lastIndex).toBe(2);
    net.crash('n1'); // (b)
    net.cut.clear();
    net.cut.add('n5->n1');
    net.cut.add('n5->n2');
    // n5 campaigns and wins with n3 and n4; the appends it sends as leader (its no-op) are all lost.
    net.now = net.node('n5').raft.nextDeadline();
    net.step('n5', { type: 'tick' });
    net.deliverUntil(() => net.leaders().includes('n5'));
    net.queue.length = 0;
    expect(net.leaders()).toEqual(['n5']);
    net.crash('n5'); // (c)
    net.restart('n1');
    net.cut.clear();
    net.fire('n1'); // term 2: n3 and n4 already voted for n5
    net.now = net.node('n1').raft.nextDeadline();
    net.step('n1', { type: 'tick' }); // term 3
    net.deliverUntil(() => net.leaders().includes('n1'));
    expect(net.leaders()).toEqual(['n1']);
    // n1 copies index 2 (X) to n3, one entry per append, and its no-op (index 3) to n2 only: X is on n1, n2, n3.
    for (const to of ['n4', 'n5']) net.cut.add(`n1->${to}`);
    net.deliverUntil(() => net.node('n3').raft.status().lastIndex === 2 && net.node('n2').raft.status().lastIndex === 3);
    net.cut.add('n1->n3');
    net.deliver();
    expect(net.node('n3').raft.status().lastIndex).toBe(2);
    net.crash('n1'); // (d)
    net.cut.clear();
    net.restart('n5');
    net.fire('n5');
    net.fire('n5');
    expect(net.leaders()).toEqual(['n5']);
    net.run(200);
    return net;
  }

  it('Figure 8: counting replicas of an old-term entry commits X, and then a newer leader overwrites it', () => {
    const net = figure8(true);
    expect(net.node('n1').applied.map((e) => e.command)).toContain('X');
    expect(net.violations.length).toBeGreaterThan(0);
  });

  it('Figure 8: the current-term rule never commits X, so nothing committed is lost', () => {
    const net = figure8(false);
    expect([...net.committed.values()].map((e) => e.command)).not.toContain('X');
    expect(net.violations).toEqual([]);
  });
});

describe('Raft reads, pre-vote and CheckQuorum (thesis §6.4, §9.6, §6.2)', () => {
  it('ReadIndex: a leader serves a read only after a majority answers a round sent after it arrived', () => {
    const net = new CoreNet(3);
    net.run(1000);
    const leader = net.leaders()[0]!;
    net.step(leader, { type: 'read', id: 'r1', lease: false });
    expect(net.node(leader).reads.has('r1')).toBe(false);
    net.deliver();
    expect(net.node(leader).reads.get('r1')).toBe(net.node(leader).raft.status().commitIndex);
    net.isolate(leader);
    net.step(leader, { type: 'read', id: 'r2', lease: false });
    net.deliver();
    expect(net.node(leader).reads.has('r2')).toBe(false);
  });

  it('lease: a leader serves at once while its lease lasts, and not after it ran out', () => {
    const net = new CoreNet(3, { electionTimeoutMinMs: 150, leaseMarginMs: 50 });
    net.run(1000);
    const leader = net.leaders()[0]!;
    net.step(leader, { type: 'read', id: 'now', lease: true });
    expect(net.node(leader).reads.has('now')).toBe(true);
    net.isolate(leader);
    net.now += 120; // past sentAt + 150 − 50 for every round a majority answered
    net.step(leader, { type: 'read', id: 'late', lease: true });
    expect(net.node(leader).reads.has('late')).toBe(false);
  });

  it('pre-vote: a node cut off and back does not raise its term or depose the leader', () => {
    const net = new CoreNet(3, { preVote: true });
    net.run(1000);
    const leader = net.leaders()[0]!;
    const other = [...net.nodes.keys()].find((id) => id !== leader)!;
    const term = net.node(leader).raft.status().term;
    net.isolate(other);
    net.run(3000);
    expect(net.node(other).raft.status().term).toBe(term);
    net.heal();
    net.run(1000);
    expect(net.leaders()).toEqual([leader]);
    expect(net.node(leader).raft.status().term).toBe(term);
  });

  it('without pre-vote the same node comes back with a higher term and forces an election', () => {
    const net = new CoreNet(3, { preVote: false, checkQuorum: false });
    net.run(1000);
    const leader = net.leaders()[0]!;
    const other = [...net.nodes.keys()].find((id) => id !== leader)!;
    const term = net.node(leader).raft.status().term;
    net.isolate(other);
    net.run(3000);
    expect(net.node(other).raft.status().term).toBeGreaterThan(term + 3);
    net.heal();
    net.run(1000);
    expect(net.node(net.leaders()[0]!).raft.status().term).toBeGreaterThan(term);
  });

  it('CheckQuorum: a leader cut off from the majority steps down within two election timeouts', () => {
    const net = new CoreNet(3, { checkQuorum: true });
    net.run(1000);
    const leader = net.leaders()[0]!;
    net.isolate(leader);
    net.run(2 * 150 + 10);
    expect(net.node(leader).raft.status().role).toBe('follower');
    const off = new CoreNet(3, { checkQuorum: false, preVote: false });
    off.run(1000);
    const l2 = off.leaders()[0]!;
    off.isolate(l2);
    off.run(3000);
    expect(off.node(l2).raft.status().role).toBe('leader');
  });
});

describe('leadership transfer (thesis §3.10, etcd MsgTimeoutNow)', () => {
  it('hands leadership to a caught-up follower in the next term, with CheckQuorum on, refusing proposals meanwhile', () => {
    const net = new CoreNet(5, { preVote: true, checkQuorum: true });
    net.run(1000);
    const leader = net.leaders()[0]!;
    const term = net.node(leader).raft.status().term;
    const target = [...net.nodes.keys()].find((id) => id !== leader)!;
    net.crash(target); // the target misses an entry, so the leader must catch it up first
    net.step(leader, { type: 'propose', id: 'p1', command: 'a' });
    net.run(100);
    net.restart(target);
    net.step(leader, { type: 'read', id: 'lease-before', lease: true });
    expect(net.node(leader).reads.has('lease-before')).toBe(true);
    net.step(leader, { type: 'transfer', to: target });
    net.step(leader, { type: 'read', id: 'lease-during', lease: true });
    expect(net.node(leader).reads.has('lease-during')).toBe(false); // the lease ended with the transfer
    net.step(leader, { type: 'propose', id: 'p2', command: 'b' });
    expect(net.node(leader).refused.get('p2')).toBe(`not-leader:${target}`); // the hint names the transferee
    net.run(500);
    expect(net.leaders()).toEqual([target]);
    expect(net.node(target).raft.status().term).toBe(term + 1);
    expect(net.node(target).applied.map((e) => e.command)).toContain('a');
    expect(net.violations).toEqual([]);
  });

  it('gives up after an election timeout when the target cannot be reached, and leads on', () => {
    const net = new CoreNet(3, { preVote: true, checkQuorum: true });
    net.run(1000);
    const leader = net.leaders()[0]!;
    const target = [...net.nodes.keys()].find((id) => id !== leader)!;
    net.crash(target);
    net.step(leader, { type: 'transfer', to: target });
    net.run(400);
    expect(net.leaders()).toEqual([leader]);
    net.step(leader, { type: 'propose', id: 'after', command: 'c' });
    expect(net.node(leader).accepted.has('after')).toBe(true);
  });
});

describe('untrusted input', () => {
  it('refuses malformed messages with an error naming the field', () => {
    expect(() => parseRaftMessage({ type: 'raft-vote', term: -1, pre: false, lastIndex: 0, lastTerm: 0 })).toThrow(/raft-vote.term/);
    expect(() => parseRaftMessage({ type: 'raft-append', term: 1, prevIndex: 0, prevTerm: 0, entries: [{ term: 1, index: 5, command: null }], commit: 0, seq: 1 })).toThrow(RaftMessageError);
    expect(() => parseRaftMessage({ type: 'raft-append', term: 1, prevIndex: 0, prevTerm: 0, entries: [{ term: 2, index: 1 }], commit: 0, seq: 1 })).toThrow(/above the message's term/);
    expect(() => parseRaftMessage('hello')).toThrow(RaftMessageError);
  });

  it('restores a log up to the first damaged record', () => {
    const s = new MemoryStorage();
    s.set('hs', { term: 3, votedFor: 'n1' });
    s.set('e:1', { term: 1, command: null });
    s.set('e:2', { term: 'x' });
    s.set('e:3', { term: 2, command: 1 });
    expect(restoreRaft(s).entries.map((e) => e.index)).toEqual([1]);
  });
});
