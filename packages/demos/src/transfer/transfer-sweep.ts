import { createRng, type Address, type Envelope, type NodeId } from '@faultline/core';
import { Simulation, type Cluster, type MessageTraceEvent } from '@faultline/runtime';
import { FaultNetwork, fault, networkPresets, select } from '@faultline/transport';
import { Account, type AccountProps, type BalanceReply } from './account.ts';
import { CarefulTeller } from './careful-teller.ts';
import { NaiveTeller } from './naive-teller.ts';
import type { TransferReport, TransferRequest } from './transfer-types.ts';

/** Which teller a run uses. */
export type Protocol = 'naive' | 'careful';

/** Accounts in the sweep: 1000 each, 2 ms per operation, one in ten takes 150 ms (longer than a timeout). */
export const SWEEP_ACCOUNT: AccountProps = { initial: 1000, fastMs: 2, slowMs: 150, slowShare: 0.1 };
const TRANSFERS = 3;
const AMOUNT = 100;

/** What one seeded run of random faults did to the money. */
export interface SweepRun {
  readonly seed: number;
  readonly protocol: Protocol;
  /** A + B after everything settled; the invariant says 2 × initial. */
  readonly total: number;
  readonly expected: number;
  readonly faults: string;
  readonly verdicts: readonly string[];
}

/** Spawns two accounts and a teller; returns their addresses. */
export async function spawnBank(cluster: Cluster, protocol: Protocol, suffix: string, account: AccountProps, accountB: AccountProps = account): Promise<{ teller: Address; a: Address; b: Address }> {
  const [t, na, nb] = cluster.nodes as [NodeId, NodeId, NodeId];
  const a = await cluster.spawn(na, `account-a${suffix}`, Account, account);
  const b = await cluster.spawn(nb, `account-b${suffix}`, Account, accountB);
  const teller = protocol === 'naive'
    ? await cluster.spawn(t, `teller${suffix}`, NaiveTeller, undefined)
    : await cluster.spawn(t, `teller${suffix}`, CarefulTeller, undefined);
  return { teller, a, b };
}

/** Reads a balance, retrying until the account answers. */
export async function balanceOf(cluster: Cluster, account: Address): Promise<BalanceReply> {
  for (;;) {
    const reply = await cluster.ask<BalanceReply>(account, { type: 'balance' }, { timeoutMs: 500 });
    if (reply.status === 'ok') return reply.value;
    await cluster.sleep(100);
  }
}

/** Waits until the careful teller says every transfer is done or aborted (or 60 s pass). */
export async function settle(cluster: Cluster, teller: Address, ids: readonly string[]): Promise<string[]> {
  const verdicts = ids.map(() => 'pending');
  for (let round = 0; round < 120 && verdicts.includes('pending'); round++) {
    for (const [i, id] of ids.entries()) {
      if (verdicts[i] !== 'pending') continue;
      const reply = await cluster.ask<TransferReport>(teller, { type: 'status', id }, { timeoutMs: 500 });
      if (reply.status === 'ok') verdicts[i] = reply.value.verdict;
    }
    if (verdicts.includes('pending')) await cluster.sleep(500);
  }
  return verdicts;
}

/** Who watches one sweep run being replayed: its messages and its fault steps, on the run's own clock. */
export interface SweepObserver {
  readonly onTrace?: (event: MessageTraceEvent, envelope: Envelope) => void;
  readonly step?: (t: number, kind: 'partition' | 'heal' | 'crash' | 'restart' | 'link-fault' | 'remove-link-fault', nodes: readonly string[], text: string) => void;
}

/**
 * One run: three $100 transfers through a teller while the network loses up to 30 % of frames,
 * maybe cuts one link one way for a while, and maybe crashes a node and restarts it. All drawn
 * from the seed; then the faults heal, the run settles, and the balances are summed.
 */
export async function runSweepSeed(seed: number, protocol: Protocol, observe: SweepObserver = {}): Promise<SweepRun> {
  const net = new FaultNetwork({ nodes: 3, ...networkPresets.lan });
  const sim = new Simulation({ seed, nodes: 3, network: net.attach, ...(observe.onTrace ? { onTrace: observe.onTrace } : {}) });
  const note = (kind: Parameters<NonNullable<SweepObserver['step']>>[1], nodes: readonly string[], text: string) => observe.step?.(sim.now(), kind, nodes, text);
  try {
    const rng = createRng(seed).derive('transfer-faults');
    const nodes = sim.nodes as NodeId[];
    const { teller, a, b } = await spawnBank(sim, protocol, '', SWEEP_ACCOUNT);
    const loss = Math.round(rng.next() * 30) / 100;
    const lossRule = net.install({ target: select.all(), fault: fault.drop(loss) });
    const faults: string[] = [`loss ${Math.round(loss * 100)}%`];
    note('link-fault', nodes, `loss ${Math.round(loss * 100)}% on every link`);
    const plan: { at: number; act: () => Promise<void> | void }[] = [];
    if (rng.chance(0.7)) {
      const from = rng.pick(nodes);
      const to = rng.pick(nodes.filter((n) => n !== from));
      const at = rng.int(300);
      const until = at + 100 + rng.int(400);
      faults.push(`one-way ${from}->${to} ${at}-${until} ms`);
      plan.push({ at, act: () => { net.partitionOneWay([from], [to]); note('partition', [from, to], `${from} -/-> ${to}`); } },
        { at: until, act: () => { net.heal(from, to); note('heal', [from, to], 'healed'); } });
    }
    if (rng.chance(0.5)) {
      const victim = rng.pick(nodes);
      const at = rng.int(400);
      const until = at + 50 + rng.int(400);
      faults.push(`crash ${victim} ${at}-${until} ms`);
      plan.push({ at, act: () => { note('crash', [victim], `crash ${victim}`); return sim.crash(victim); } },
        { at: until, act: async () => { await sim.restart(victim); note('restart', [victim], `restart ${victim}`); } });
    }
    plan.sort((x, y) => x.at - y.at);
    const ids = Array.from({ length: TRANSFERS }, (_, i) => `t${i + 1}`);
    const asks = ids.map(async (id, i) => {
      await sim.sleep(i * 50);
      const request: TransferRequest = { type: 'transfer', id, from: a, to: b, amount: AMOUNT };
      return sim.ask<TransferReport>(teller, request, { timeoutMs: 5_000 });
    });
    for (const step of plan) {
      await sim.sleep(Math.max(0, step.at - sim.now()));
      await step.act();
    }
    await sim.sleep(Math.max(0, 1_000 - sim.now()));
    lossRule.remove();
    note('remove-link-fault', nodes, 'loss removed');
    net.healAll();
    note('heal', nodes, 'healed');
    for (const node of nodes) if (!sim.isUp(node)) {
      await sim.restart(node);
      note('restart', [node], `restart ${node}`);
    }
    const replies = await Promise.all(asks);
    const verdicts = protocol === 'careful'
      ? await settle(sim, teller, ids)
      : replies.map((r) => (r.status === 'ok' ? r.value.verdict : r.status));
    if (protocol === 'naive') await sim.sleep(1_000);
    const total = (await balanceOf(sim, a)).balance + (await balanceOf(sim, b)).balance;
    return { seed, protocol, total, expected: 2 * SWEEP_ACCOUNT.initial, faults: faults.join(', '), verdicts };
  } finally {
    await sim.shutdown();
  }
}

/** The sweep's seeds: `count` seeds derived from `seed`, so one number replays the whole sweep. */
export function sweepSeeds(seed: number, count: number): number[] {
  const rng = createRng(seed).derive('transfer-sweep');
  return Array.from({ length: count }, () => rng.int(2 ** 31));
}
