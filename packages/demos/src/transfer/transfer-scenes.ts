import type { NodeId } from '@faultline/core';
import type { DemoContext } from '../demo.ts';
import type { SceneLog } from '../scene-log.ts';
import type { AccountProps, AppliedEntry } from './account.ts';
import { balanceOf, settle, spawnBank, type Protocol } from './transfer-sweep.ts';
import type { TimeoutSeen, TransferReport } from './transfer-types.ts';

const FAST: AccountProps = { initial: 1000, fastMs: 2, slowMs: 2, slowShare: 0 };
const SLOW: AccountProps = { initial: 1000, fastMs: 250, slowMs: 250, slowShare: 1 };

/** One staged failure: how to break things around a single $100 transfer. */
export interface TransferScene {
  readonly title: string;
  readonly account: { readonly a: AccountProps; readonly b: AccountProps };
  /** When the fault starts: before the transfer is sent, or this many ms after. */
  readonly startAt: 'before' | number;
  /** Starts the fault, noting it in the scene's log; returns how to end it (called `healAfterMs` after the transfer was sent). */
  readonly fault: (context: DemoContext, log: SceneLog) => Promise<() => Promise<void>>;
  readonly healAfterMs: number;
}

/** The four scenes: a lost request, a lost reply, a slow operation, a teller crash between steps. */
export const TRANSFER_SCENES: readonly TransferScene[] = [
  {
    title: 'the request was lost (teller -> A cut one way for 150 ms)',
    account: { a: FAST, b: FAST }, startAt: 'before', healAfterMs: 150,
    fault: async ({ net, cluster }, log) => {
      const [t, a] = cluster.nodes as readonly [NodeId, NodeId, NodeId];
      net.partitionOneWay([t], [a]);
      log.fault('partition', [t, a], `${t} -/-> ${a} (teller to A cut one way)`);
      return async () => { net.heal(t, a); log.fault('heal', [t, a], 'healed'); };
    },
  },
  {
    title: 'the reply was lost (B -> teller cut one way for 250 ms)',
    account: { a: FAST, b: FAST }, startAt: 'before', healAfterMs: 250,
    fault: async ({ net, cluster }, log) => {
      const [t, , b] = cluster.nodes as readonly [NodeId, NodeId, NodeId];
      net.partitionOneWay([b], [t]);
      log.fault('partition', [b, t], `${b} -/-> ${t} (B to teller cut one way)`);
      return async () => { net.heal(b, t); log.fault('heal', [b, t], 'healed'); };
    },
  },
  {
    title: 'the request is still being processed (A takes 250 ms, the timeout is 100 ms)',
    account: { a: SLOW, b: FAST }, startAt: 'before', healAfterMs: 0,
    fault: async () => async () => undefined,
  },
  {
    title: 'the teller crashed between debit and credit (A takes 250 ms; teller down 50–400 ms)',
    account: { a: SLOW, b: FAST }, startAt: 50, healAfterMs: 400,
    fault: async ({ cluster }, log) => {
      const teller = cluster.nodes[0] as string;
      // Stamped when the crash began: on workers terminating a thread takes a while.
      log.fault('crash', [teller], `crash ${teller} (the teller)`);
      await cluster.crash(teller);
      return async () => { await cluster.restart(teller); log.fault('restart', [teller], `restart ${teller}`); };
    },
  },
];

/** What a timeout meant, from the account's own log: never seen, applied before it, or applied after. */
export function meaningOf(timeout: TimeoutSeen, log: readonly AppliedEntry[]): string {
  const entry = log.find((e) => e.attempt === timeout.attempt);
  if (!entry) return 'the request was lost (the account never saw it)';
  const what = entry.result === 'applied' ? 'applied' : entry.result === 'duplicate' ? 'answered from its key, not applied again' : `refused (${entry.result})`;
  const gap = Math.abs(timeout.at - entry.answeredAt).toFixed(1);
  if (entry.answeredAt <= timeout.at) return `processed, the reply was lost (${what} ${gap} ms before the timeout)`;
  return `still being processed (${what} ${gap} ms after the timeout)`;
}

/** What one protocol did in one scene, measured. */
export interface SceneResult {
  readonly protocol: Protocol;
  readonly verdict: string;
  readonly a: number;
  readonly b: number;
  readonly lines: readonly string[];
}

/** Runs one transfer of $100 under the scene's fault with one protocol, on fresh actors. */
export async function runScene(context: DemoContext, scene: TransferScene, index: number, protocol: Protocol, sceneLog: SceneLog): Promise<SceneResult> {
  const { cluster } = context;
  const suffix = `-${index}-${protocol}`;
  const bank = await spawnBank(cluster, protocol, suffix, scene.account.a, scene.account.b);
  const { b } = bank;
  let heal = scene.startAt === 'before' ? await scene.fault(context, sceneLog) : undefined;
  const started = cluster.now();
  const ask = cluster.ask<TransferReport>(bank.teller, { type: 'transfer', id: `t${index}`, from: bank.a, to: b, amount: 100 }, { timeoutMs: 2_000 });
  if (scene.startAt !== 'before') {
    await cluster.sleep(scene.startAt);
    heal = await scene.fault(context, sceneLog);
  }
  await cluster.sleep(Math.max(0, scene.healAfterMs - (cluster.now() - started)));
  await heal?.();
  const reply = await ask;
  let verdict = reply.status === 'ok' ? reply.value.verdict : `no answer (${reply.status})`;
  if (protocol === 'careful') verdict = (await settle(cluster, bank.teller, [`t${index}`]))[0] as string;
  await cluster.sleep(500); // late copies finish, so the logs say what became of every attempt
  const [la, lb] = [await balanceOf(cluster, bank.a), await balanceOf(cluster, b)];
  const log = [...la.log, ...lb.log];
  const timeouts = reply.status === 'ok' ? reply.value.timeouts : [];
  const applied = log.filter((e) => e.result === 'applied').map((e) => `${e.op} at ${e.answeredAt.toFixed(1)} ms`);
  const lost = protocol === 'naive'
    ? 'the teller crashed: the transfer in its memory died with it, and nothing finished the credit'
    : 'the teller crashed: after restart its durable record said the transfer was unfinished, and it finished it';
  const lines = [
    ...(reply.status === 'ok' ? [] : [lost]),
    ...timeouts.map((t) => `timeout on ${t.attempt} at ${t.at.toFixed(1)} ms: ${meaningOf(t, log)}`),
    `applied at the accounts: ${applied.join(', ') || 'nothing'}`,
  ];
  return { protocol, verdict, a: la.balance, b: lb.balance, lines };
}

/** `A 900 + B 1100 = 2000 (conserved)` or `… = 2100 ($100 CREATED)`. */
export function moneyLine(a: number, b: number, expected: number): string {
  const total = a + b;
  const change = total === expected ? 'conserved' : total > expected ? `$${total - expected} CREATED` : `$${expected - total} DESTROYED`;
  return `A ${a} + B ${b} = ${total} (${change})`;
}
