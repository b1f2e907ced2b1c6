import { address, defineActor, Rejection, type Address, type NodeId } from '@faultline/core';
import { defineExplore } from '../spec.ts';

/**
 * A planted bug: a lock server (no leases) whose holders retry a release whose ack timed out.
 * The broken server frees the lock when the release comes from the holder's *name*; the correct
 * one only when it names the holder's current *token*. The bug needs a release to stay on the wire
 * past the retry timeout while its retry frees the lock, the same worker to take the lock again,
 * and only then the first release to land: it frees the new grant, and a second worker gets the
 * lock while the first still holds it. Exact duplicate frames are recognised by attempt.
 */
export const RELEASE_RETRY_MS = 5000;

/** Plain-data state of the lock server and of who believes they hold the lock. */
export interface LockProbe {
  server: { token: number; holder: string | undefined; recent: string[] };
  /** Workers inside their critical section now (they were granted the lock and have not released it). */
  inside: string[];
  /** Every moment two workers were inside at once. */
  overlaps: string[];
  /** Critical sections completed. */
  done: number;
}

type LockMsg =
  | { readonly type: 'acquire'; readonly owner: string }
  | { readonly type: 'release'; readonly owner: string; readonly token: number; readonly attempt: number };

const MAX_ATTEMPTS = 4;
const RECENT = 32;

/** The lock server. `checkToken: false` is the planted bug: a release is matched by owner name only. */
export const LockServer = defineActor<LockMsg, { probe: LockProbe; checkToken: boolean }>({
  kind: 'planted.lock-server',
  setup(_ctx, { probe, checkToken }) {
    const s = probe.server;
    return {
      receive: (msg) => {
        if (msg?.type === 'acquire' && typeof msg.owner === 'string') {
          if (s.holder !== undefined && s.holder !== msg.owner) throw new Rejection('held', `held by ${s.holder}`);
          s.holder = msg.owner;
          return ++s.token;
        }
        if (msg?.type === 'release' && typeof msg.owner === 'string' && Number.isInteger(msg.token) && Number.isInteger(msg.attempt)) {
          const key = `${msg.token}#${msg.attempt}`;
          if (s.recent.includes(key)) return 'ok'; // a duplicated frame of a release already applied
          s.recent.push(key);
          if (s.recent.length > RECENT) s.recent.shift();
          const mine = checkToken ? msg.token === s.token : msg.owner === s.holder;
          if (mine) s.holder = undefined;
          return 'ok';
        }
        throw new Rejection('bad-request', 'expected acquire { owner } or release { owner, token, attempt }');
      },
    };
  },
});

/** A worker: `rounds` times, take the lock (a round fails when it is held), work a little, release it (up to `tries` attempts). */
export const LockWorker = defineActor<{ readonly type: 'work'; readonly rounds: number }, { probe: LockProbe; lock: Address; workMs: number; tries?: number }>({
  kind: 'planted.lock-worker',
  setup(ctx, { probe, lock, workMs, tries = MAX_ATTEMPTS }) {
    const me = `${ctx.self.node}/${ctx.self.name}`;
    let busy = false;
    const enter = () => {
      if (probe.inside.length > 0) probe.overlaps.push(`${me} was granted the lock while ${probe.inside.join(', ')} held it`);
      probe.inside.push(me);
    };
    const leave = () => { probe.inside = probe.inside.filter((x) => x !== me); };
    const round = async (): Promise<boolean> => {
      const grant = await ctx.ask<number>(lock, { type: 'acquire', owner: me }, { timeoutMs: RELEASE_RETRY_MS });
      if (grant.status !== 'ok') return false; // held, or no answer: this round fails (the client asks again)
      const token = grant.value;
      enter();
      await ctx.sleep(workMs);
      leave();
      probe.done++;
      for (let attempt = 1; attempt <= tries; attempt++) {
        const ack = await ctx.ask(lock, { type: 'release', owner: me, token, attempt }, { timeoutMs: RELEASE_RETRY_MS });
        if (ack.status === 'ok') return true;
      }
      return false;
    };
    return {
      receive: async (msg) => {
        if (msg?.type !== 'work' || !Number.isInteger(msg.rounds)) throw new Rejection('bad-request', 'expected { type: "work", rounds }');
        if (busy) throw new Rejection('busy', `${me} is already working`);
        busy = true;
        try {
          for (let i = 0; i < msg.rounds; i++) if (!(await round())) return 'failed';
          return 'ok';
        } finally {
          busy = false;
        }
      },
    };
  },
});

/** A fresh probe: lock free, nobody inside. */
export const freshLockProbe = (): LockProbe => ({ server: { token: 0, holder: undefined, recent: [] }, inside: [], overlaps: [], done: 0 });
/** Why the lock had two holders at once, or undefined. */
export const oneHolder = (p: LockProbe): string | undefined => (p.overlaps.length > 0 ? p.overlaps[0] : undefined);

function spec(name: string, checkToken: boolean, rounds: number, workers: number) {
  return defineExplore({
    name,
    nodes: 1 + workers,
    setup(world) {
      const probe = freshLockProbe();
      const lock = world.spawn('n1', 'lock', LockServer, { probe, checkToken });
      for (let w = 0; w < workers; w++) {
        const node = `n${w + 2}`;
        world.spawn(node, 'worker', LockWorker, { probe, lock, workMs: 20, tries: 2 });
        world.tell(address(node as NodeId, 'worker'), { type: 'work', rounds: w === 0 ? rounds : 1 });
      }
      return probe;
    },
    observe: (p) => p,
    invariants: [{ name: 'one lock holder at a time', check: oneHolder }],
    goals: [{ name: 'every round done', reached: (p) => p.done === rounds + workers - 1 }],
  });
}

/** Explore specs: on the lock server n1, worker n2 does `rounds` rounds, workers n3… one each (nodes = 1 + workers). */
export const staleReleaseSpec = (rounds = 2, workers = 2) => spec(`stale-release/broken/rounds=${rounds}${workers === 2 ? '' : `/workers=${workers}`}`, false, rounds, workers);
export const freshReleaseSpec = (rounds = 2, workers = 2) => spec(`stale-release/correct/rounds=${rounds}${workers === 2 ? '' : `/workers=${workers}`}`, true, rounds, workers);
/** The specs with their default bounds, for `faultline explore FILE`. */
export const releaseSpecs = [staleReleaseSpec(), freshReleaseSpec()];
