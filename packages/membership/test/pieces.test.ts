import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, createRng, nodeId, type NodeId } from '@faultline/core';
import {
  BroadcastQueue, computeQuorum, decideSplitBrain, MEMBERSHIP_PRESETS, membershipConfig, MemberTable, ProbeOrder,
  retransmitLimit, suspicionMaxMs, suspicionMinMs, suspicionTimeoutMs, type MemberStatus, type SplitBrainConfig, type Update,
} from '../src/index.ts';
import { claim, nodes } from './fixtures/harness.ts';

describe('claim precedence (SWIM §4.2: incarnation first, then alive < suspect < dead < left)', () => {
  const RANK = { alive: 0, suspect: 1, dead: 2, left: 3 } as const;
  const arbClaim = fc.record({
    node: fc.constantFrom('n1', 'n2', 'n3'),
    state: fc.constantFrom('alive', 'suspect', 'dead', 'left') as fc.Arbitrary<Update['state']>,
    incarnation: fc.integer({ min: 0, max: 4 }),
  }).map((c) => claim(c.node, c.state, c.incarnation, 'n9'));

  it('merges claims to the same table in any order, equal to a plain maximum (fast-check, seed 42)', () => {
    fc.assert(fc.property(fc.array(arbClaim, { maxLength: 30 }), fc.integer(), (claims, shuffleSeed) => {
      const reference = new Map<string, Update>();
      for (const c of claims) {
        const held = reference.get(c.node);
        const newer = !held || c.incarnation > held.incarnation || (c.incarnation === held.incarnation && RANK[c.state] > RANK[held.state]);
        if (newer) reference.set(c.node, c);
      }
      const table = new MemberTable();
      for (const c of createRng(shuffleSeed).shuffled(claims)) table.merge(c, 0);
      for (const [node, expected] of reference) {
        const held = table.get(node as NodeId)?.claim;
        expect([held?.state, held?.incarnation]).toEqual([expected.state, expected.incarnation]);
      }
      expect(table.size).toBe(reference.size);
    }), { seed: 42, numRuns: 300 });
  });

  it('keeps its own unreachable observation only for the same incarnation', () => {
    const t = new MemberTable();
    t.merge(claim('n2', 'alive', 0), 0);
    t.setUnreachable(nodeId('n2'), true, 1);
    t.merge(claim('n2', 'suspect', 0, 'n3'), 2);
    expect(t.get(nodeId('n2'))?.status).toBe('unreachable');
    t.merge(claim('n2', 'alive', 1), 3);
    expect(t.get(nodeId('n2'))?.status).toBe('alive');
  });
});

describe('Lifeguard suspicion timeouts (Dadgar et al. 2017, §IV-B)', () => {
  it('matches memberlist\'s remainingSuspicionTime table (min 2 s, max 30 s, k = 3)', () => {
    // memberlist suspicion_test.go: elapsed + remaining for n = 0…5 confirmations.
    expect([0, 1, 2, 3, 4, 5].map((n) => suspicionTimeoutMs(2000, 30_000, 3, n))).toEqual([30_000, 16_000, 7810, 2000, 2000, 2000]);
  });

  it('uses the minimum when no confirmations are expected', () => {
    expect(suspicionTimeoutMs(2000, 30_000, 0, 0)).toBe(2000);
  });

  it('scales the minimum with log10 of the cluster size, as memberlist\'s suspicionTimeout', () => {
    const lan = MEMBERSHIP_PRESETS.lan;
    expect(suspicionMinMs(lan, 5)).toBe(4000);
    expect(suspicionMinMs(lan, 100)).toBe(8000);
    expect(suspicionMaxMs(lan, 5)).toBe(24_000);
  });
});

describe('BroadcastQueue (memberlist TransmitLimitedQueue)', () => {
  it('hands out least-transmitted updates first, newest first among equals, and drops them at the limit', () => {
    const q = new BroadcastQueue();
    for (const n of ['n1', 'n2', 'n3']) q.enqueue(claim(n, 'alive', 0));
    expect(q.take(2, 2).map((u) => u.node)).toEqual(['n3', 'n2']);
    expect(q.take(2, 2).map((u) => u.node)).toEqual(['n1', 'n3']);
    expect(q.take(5, 2).map((u) => u.node)).toEqual(['n2', 'n1']);
    expect(q.size).toBe(0);
  });

  it('replaces a pending update about the same member with the newer one', () => {
    const q = new BroadcastQueue();
    q.enqueue(claim('n1', 'suspect', 0, 'n2'));
    q.enqueue(claim('n1', 'alive', 1));
    expect(q.take(5, 3)).toEqual([claim('n1', 'alive', 1)]);
  });

  it('retransmits λ·ceil(log10(n + 1)) times', () => {
    expect([1, 9, 10, 99, 100].map((n) => retransmitLimit(4, n))).toEqual([4, 4, 8, 8, 12]);
  });
});

describe('ProbeOrder (SWIM §4.3 round-robin with random permutation)', () => {
  it('visits every member once per round, in a fresh order each round', () => {
    const order = new ProbeOrder(createRng(3));
    const members = nodes(6);
    for (const n of members) order.add(n);
    const rounds = [0, 1, 2].map(() => members.map(() => order.next(() => true)));
    for (const round of rounds) expect([...round].sort()).toEqual([...members].sort());
    expect(new Set(rounds.map((r) => r.join())).size).toBeGreaterThan(1);
  });

  it('probes a prioritized member next, then resumes the round', () => {
    const order = new ProbeOrder(createRng(3));
    for (const n of nodes(4)) order.add(n);
    order.prioritize(nodeId('n3'));
    expect(order.next(() => true)).toBe('n3');
  });
});

describe('split-brain decisions (after Akka SBR)', () => {
  const ids = (...names: string[]) => names.map(nodeId);
  const seniority = nodes(5);
  const sbr = (strategy: SplitBrainConfig['strategy'], quorumSize?: number): SplitBrainConfig =>
    ({ strategy, stableAfterMs: 0, ...(quorumSize === undefined ? {} : { quorumSize }) });

  it('keep-majority: the larger side downs the other; the smaller side downs itself', () => {
    expect(decideSplitBrain(sbr('keep-majority'), ids('n1', 'n2', 'n3'), ids('n4', 'n5'), seniority)).toEqual({ type: 'down-others', nodes: ids('n4', 'n5') });
    expect(decideSplitBrain(sbr('keep-majority'), ids('n4', 'n5'), ids('n1', 'n2', 'n3'), seniority)).toEqual({ type: 'down-self' });
  });

  it('keep-majority: an exact tie goes to the side with the oldest member', () => {
    expect(decideSplitBrain(sbr('keep-majority'), ids('n1', 'n4'), ids('n2', 'n3'), seniority).type).toBe('down-others');
    expect(decideSplitBrain(sbr('keep-majority'), ids('n2', 'n3'), ids('n1', 'n4'), seniority).type).toBe('down-self');
  });

  it('static-quorum: a side survives only with quorumSize members (both sides may lose)', () => {
    expect(decideSplitBrain(sbr('static-quorum', 3), ids('n1', 'n2', 'n3'), ids('n4', 'n5'), seniority).type).toBe('down-others');
    expect(decideSplitBrain(sbr('static-quorum', 4), ids('n1', 'n2', 'n3'), ids('n4', 'n5'), seniority).type).toBe('down-self');
  });

  it('keep-oldest: the oldest member\'s side survives, unless the oldest is alone against several', () => {
    expect(decideSplitBrain(sbr('keep-oldest'), ids('n1', 'n5'), ids('n2', 'n3', 'n4'), seniority).type).toBe('down-others');
    expect(decideSplitBrain(sbr('keep-oldest'), ids('n1'), ids('n2', 'n3'), seniority).type).toBe('down-self');
    expect(decideSplitBrain(sbr('keep-oldest'), ids('n2', 'n3'), ids('n1'), seniority).type).toBe('down-others');
  });

  it('down-all: every side downs itself', () => {
    expect(decideSplitBrain(sbr('down-all'), ids('n1', 'n2', 'n3'), ids('n4'), seniority).type).toBe('down-self');
  });
});

describe('quorum', () => {
  const statuses = (entries: Array<[string, MemberStatus]>) => new Map(entries.map(([n, s]) => [nodeId(n), s] as [NodeId, MemberStatus]));

  it('needs a majority of the members that have not left; down members still count', () => {
    const s = statuses([['n1', 'alive'], ['n2', 'suspect'], ['n3', 'down'], ['n4', 'unreachable'], ['n5', 'left'], ['n6', 'alive']]);
    expect(computeQuorum('majority', nodes(6), s, 'alive')).toEqual({ hasQuorum: true, reachable: 3, needed: 3, known: 5 });
    s.set(nodeId('n6'), 'unreachable');
    expect(computeQuorum('majority', nodes(6), s, 'alive')).toMatchObject({ hasQuorum: false, reachable: 2 });
  });

  it('uses a fixed size when configured, and never holds a quorum for a node that is not alive itself', () => {
    const s = statuses([['n1', 'down'], ['n2', 'alive'], ['n3', 'alive']]);
    expect(computeQuorum(2, nodes(3), s, 'down')).toMatchObject({ hasQuorum: false, needed: 2 });
  });
});

describe('config', () => {
  const field = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (error) {
      if (error instanceof ConfigError) return `${error.field}: ${error.message}`;
      throw error;
    }
    return undefined;
  };

  it('rejects bad values with a ConfigError naming the field', () => {
    expect(field(() => membershipConfig({ probeTimeoutMs: 2000 }))).toMatch(/^membership\.probeTimeoutMs: .*below probeIntervalMs \(1000\)/);
    expect(field(() => membershipConfig({ indirectChecks: 1.5 }))).toMatch(/^membership\.indirectChecks: .*whole number/);
    expect(field(() => membershipConfig({ preset: 'fast' as never }))).toMatch(/^membership\.preset: .*'lan', 'wan', 'sim-fast'/);
    expect(field(() => membershipConfig({ probeIntervalMS: 5 } as never))).toMatch(/^membership\.probeIntervalMS: .*not a membership setting/);
    expect(field(() => membershipConfig({ quorum: 0 }))).toMatch(/^membership\.quorum: /);
    expect(field(() => membershipConfig({ splitBrain: { strategy: 'static-quorum', stableAfterMs: 10 } }))).toMatch(/^membership\.splitBrain\.quorumSize: /);
    expect(field(() => membershipConfig({ splitBrain: { strategy: 'keep-everyone' as never, stableAfterMs: 10 } }))).toMatch(/^membership\.splitBrain\.strategy: /);
  });

  it('builds every preset, and overrides on top of one', () => {
    for (const preset of ['lan', 'wan', 'sim-fast'] as const) expect(membershipConfig({ preset })).toEqual(MEMBERSHIP_PRESETS[preset]);
    expect(membershipConfig({ preset: 'sim-fast', indirectChecks: 0 })).toMatchObject({ probeIntervalMs: 100, indirectChecks: 0 });
  });

  it('documents every field of every preset in the README table, with the same values', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const show = (v: unknown) => (typeof v === 'string' ? `\`'${v}'\`` : v === null ? '`null`' : String(v));
    for (const key of Object.keys(MEMBERSHIP_PRESETS.lan) as Array<keyof typeof MEMBERSHIP_PRESETS.lan>) {
      const row = ['lan', 'wan', 'sim-fast'].map((p) => show(MEMBERSHIP_PRESETS[p as 'lan'][key])).join(' | ');
      expect(readme, key).toContain(`| \`${key}\` | ${row} |`);
    }
  });

  it('explains every default of the LAN preset with a comment (STYLE: presets carry their reasons)', () => {
    const source = readFileSync(new URL('../src/presets.ts', import.meta.url), 'utf8');
    const lan = source.slice(source.indexOf('const LAN'), source.indexOf('const WAN'));
    for (const key of Object.keys(MEMBERSHIP_PRESETS.lan)) {
      const lines = lan.split('\n');
      const at = lines.findIndex((l) => l.trim().startsWith(`${key}:`));
      expect(at, key).toBeGreaterThan(0);
      expect(lines.slice(0, at).reverse().find((l) => !/^\s*\w+:/.test(l))?.trim().startsWith('//'), key).toBe(true);
    }
  });
});
