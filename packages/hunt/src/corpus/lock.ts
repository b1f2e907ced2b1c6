import { defineActor, Rejection, type Address } from '@faultline/core';
import { defineScenario, type Scenario } from '../scenario.ts';

/**
 * A lease lock guarding a read-modify-write on a storage service (Kleppmann, "How to do
 * distributed locking", 2016). Workers acquire a lease with a token, read the value, and write
 * value + 1. A lease expires while its holder's messages are still on the wire, so two workers
 * can believe they hold the lock. Fencing decides whether that costs an update:
 * - `none`: the store accepts any write; a late write from an expired holder overwrites.
 * - `writes`: the store refuses a write whose token is below the highest it has *written*; a
 *   stale holder's write that lands between the new holder's read and write still gets in.
 * - `full`: reads register their token too, so once the new holder has read, no older token's
 *   write (or read) is accepted.
 */
export type Fencing = 'none' | 'writes' | 'full';

const LEASE_MS = 150;

type LockMsg = { readonly type: 'acquire'; readonly owner: string } | { readonly type: 'release'; readonly token: number };
type StoreMsg = { readonly type: 'read'; readonly token: number } | { readonly type: 'write'; readonly token: number; readonly value: number };

/** What the invariant reads: the store's value and every accepted write that was not value + 1. */
export interface LockProbe { value: number; lost: string[]; highest?: number }

/** The lock server's state, kept in an object the caller may pass in to observe it (a search hashes it). */
export interface LockServerState { token: number; holder: string | undefined; expires: number }

/** Grants a lease with a fresh token to one owner at a time; a lease runs out after `leaseMs`. */
export const LockServer = defineActor<LockMsg, { state?: LockServerState; leaseMs?: number } | undefined>({
  kind: 'corpus.lock-server',
  setup(ctx, props) {
    const s: LockServerState = props?.state ?? { token: 0, holder: undefined, expires: 0 };
    const leaseMs = props?.leaseMs ?? LEASE_MS;
    return {
      receive: (msg) => {
        if (msg.type === 'release') {
          if (msg.token === s.token) s.holder = undefined;
          return 'ok';
        }
        if (s.holder !== undefined && s.holder !== msg.owner && ctx.now() < s.expires) throw new Rejection('held', `held by ${s.holder}`);
        s.token++;
        s.holder = msg.owner;
        s.expires = ctx.now() + leaseMs;
        return { token: s.token, leaseMs };
      },
    };
  },
});

/** The storage service: refuses stale tokens as `fencing` says, and notes every write that was not value + 1. */
export const Store = defineActor<StoreMsg, { probe: LockProbe; fencing: Fencing }>({
  kind: 'corpus.fenced-store',
  setup(_ctx, { probe, fencing }) {
    let highest = 0;
    let last = { token: -1, value: -1 };
    const stale = (token: number) => fencing !== 'none' && token < highest;
    return {
      receive: (msg) => {
        if (msg.type === 'read') {
          if (fencing === 'full') {
            if (stale(msg.token)) throw new Rejection('stale-token', `token ${msg.token} < ${highest}`);
            highest = msg.token;
            probe.highest = highest;
          }
          return probe.value;
        }
        if (msg.token === last.token && msg.value === last.value) return 'ok'; // a duplicated frame
        if (stale(msg.token)) throw new Rejection('stale-token', `token ${msg.token} < ${highest}`);
        highest = Math.max(highest, msg.token);
        probe.highest = highest;
        if (msg.value !== probe.value + 1) probe.lost.push(`token ${msg.token} wrote ${msg.value} over ${probe.value}`);
        probe.value = msg.value;
        last = { token: msg.token, value: msg.value };
        return 'ok';
      },
    };
  },
});

/** Increments the stored value under the lock: acquire, read, check the lease, write value + 1, release. */
export const Worker = defineActor<{ readonly type: 'increment' }, { lock: Address; store: Address }>({
  kind: 'corpus.lock-worker',
  setup(ctx, { lock, store }) {
    let requests = 0;
    return {
      receive: async () => {
        // One owner per request: handlers are re-entrant, so two increments may run at once here.
        const me = `${ctx.self.node}/${ctx.self.name}#${++requests}`;
        for (let attempt = 0; attempt < 20; attempt++) {
          const grant = await ctx.ask<{ token: number; leaseMs: number }>(lock, { type: 'acquire', owner: me }, { timeoutMs: 100 });
          if (grant.status !== 'ok') { await ctx.sleep(10 + ctx.rng.int(30)); continue; }
          const { token, leaseMs } = grant.value;
          const until = ctx.now() + leaseMs;
          const read = await ctx.ask<number>(store, { type: 'read', token }, { timeoutMs: 100 });
          // The holder checks its lease before writing, as the docs say; a write still on the
          // wire when the lease runs out is what fencing is for.
          if (read.status !== 'ok' || ctx.now() >= until) return 'failed';
          const wrote = await ctx.ask(store, { type: 'write', token, value: read.value + 1 }, { timeoutMs: 100 });
          ctx.send(lock, { type: 'release', token });
          return wrote.status === 'ok' ? 'ok' : 'failed';
        }
        return 'failed';
      },
    };
  },
});

function scenario(name: string, fencing: Fencing): Scenario<{ workers: Address[]; probe: LockProbe }> {
  return defineScenario({
    name, nodes: 4, bounds: { operations: 60, clients: 3, durationMs: 6000 },
    families: ['loss', 'duplicate', 'delay', 'reorder', 'pause', 'partition'],
    async setup(run) {
      const probe: LockProbe = { value: 0, lost: [] };
      const lock = await run.spawn('n1', 'lock', LockServer, undefined);
      const store = await run.spawn('n2', 'store', Store, { probe, fencing });
      const workers = [await run.spawn('n3', 'worker', Worker, { lock, store }), await run.spawn('n4', 'worker', Worker, { lock, store })];
      return { workers, probe };
    },
    async workload(run, s) {
      await run.clients(async (c) => {
        await run.sim.ask(c.rng.pick(s.workers), { type: 'increment' }, { timeoutMs: 2000 });
        await run.sim.sleep(c.rng.int(30));
      });
    },
    properties: [{
      kind: 'invariant', name: 'no update lost to two lock holders', when: 'step',
      check: (s) => (s.probe.lost.length > 0 ? `${s.probe.lost[0]}: two workers held the lock at once and the store let both write` : undefined),
    }],
  });
}

/** No fencing at all: a write from an expired lease overwrites. */
export const lockBroken = scenario('lock/broken', 'none');
/** Fenced reads and writes. */
export const lockCorrect = scenario('lock/correct', 'full');
/** Tokens checked on writes only: the bug needs a stale write to land between a read and a write. */
export const lockWriteFencingBroken = scenario('lock-fencing/broken', 'writes');
/** The same cluster with full fencing. */
export const lockWriteFencingCorrect = scenario('lock-fencing/correct', 'full');
