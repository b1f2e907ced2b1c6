import type { TxnHistory } from '../src/txn/history/txn.ts';
import { history, type TestOp } from './txn-support.ts';

/** How the simulated database commits: snapshot isolation (first committer wins) or serializable SI (reads validated too). */
export type SimDb = 'si' | 'ssi' | 'prefix';

/** mulberry32, so a history is reproduced from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What a simulated database stores per key, and how its transactions read and write it. */
interface SimStore<V> {
  /** The write micro-op's name: `:append` for lists, `:w` for registers. */
  readonly write: string;
  /** A transaction's snapshot of the committed state, which it then changes by its own writes. */
  snapshot(state: Map<number, V>): Map<number, V>;
  /** What a read of `key` returns from the transaction's snapshot. */
  read(local: Map<number, V>, key: number): unknown;
  /** The transaction's own write of `value` to `key`. */
  apply(local: Map<number, V>, key: number, value: number): void;
  /** The value a commit installs for a key the transaction wrote. */
  committed(local: Map<number, V>, key: number): V;
}

const LISTS: SimStore<number[]> = {
  write: ':append',
  snapshot: (state) => new Map([...state].map(([k, l]) => [k, l.slice()])),
  read: (local, key) => (local.has(key) ? local.get(key)!.slice() : null),
  apply: (local, key, value) => void local.set(key, [...(local.get(key) ?? []), value]),
  committed: (local, key) => local.get(key)!.slice(),
};

const REGISTERS: SimStore<number> = {
  write: ':w',
  snapshot: (state) => new Map(state),
  read: (local, key) => local.get(key) ?? null,
  apply: (local, key, value) => void local.set(key, value),
  committed: (local, key) => local.get(key)!,
};

/**
 * A list-append history from a simulated database, in the spirit of jepsen.history.sim (which
 * Elle's sim-si-test and sim-ssi-test use): `concurrency` processes each invoke a transaction of
 * 1-4 reads and appends over `keys` keys, reading a snapshot taken at invocation plus its own
 * appends; at commit `si` aborts (fail) if another transaction committed an append to a key it
 * appends since its snapshot, `ssi` also if one committed to a key it read. Commits apply
 * atomically at the completion, so `ssi` is strict serializable and `si` strong snapshot isolation.
 * `prefix` never aborts and commits each appended key's list as the transaction saw it plus its
 * own appends, so concurrent appends are lost (reads still see a prefix of commits).
 */
export function simHistory(db: SimDb, limit: number, seed: number, concurrency = 10, keys = 5): TxnHistory {
  return simulate(LISTS, db, limit, seed, concurrency, keys);
}

/**
 * The same databases over registers (rw-register): `[:w k v]` with values unique per key, reads
 * returning the snapshot's value (nil when never written) or the transaction's own last write.
 */
export function simRegisterHistory(db: SimDb, limit: number, seed: number, concurrency = 10, keys = 5): TxnHistory {
  return simulate(REGISTERS, db, limit, seed, concurrency, keys);
}

/** Runs the simulated database over `store`'s values: the one loop behind both histories. */
function simulate<V>(store: SimStore<V>, db: SimDb, limit: number, seed: number, concurrency: number, keys: number): TxnHistory {
  const random = rng(seed);
  const state = new Map<number, V>();
  const lastCommit = new Map<number, number>();
  let version = 0;
  const next = new Map<number, number>();
  interface Open { mops: unknown[][]; snapshot: Map<number, V>; at: number }
  const open = new Map<number, Open>();
  const ops: TestOp[] = [];
  let started = 0;
  while (started < limit || open.size > 0) {
    const p = Math.floor(random() * concurrency);
    const o = open.get(p);
    if (o === undefined) {
      if (started >= limit) continue;
      started++;
      const mops: unknown[][] = [];
      const n = 1 + Math.floor(random() * 4);
      for (let i = 0; i < n; i++) {
        const k = Math.floor(random() * keys);
        if (random() < 0.5) mops.push([':r', k, null]);
        else {
          const v = (next.get(k) ?? 0) + 1;
          next.set(k, v);
          mops.push([store.write, k, v]);
        }
      }
      open.set(p, { mops, snapshot: store.snapshot(state), at: version });
      ops.push({ type: 'invoke', process: p, value: mops });
      continue;
    }
    open.delete(p);
    const local = o.snapshot;
    const value = o.mops.map(([f, k, v]) => {
      const key = k as number;
      if (f === ':r') return [f, key, store.read(local, key)];
      store.apply(local, key, v as number);
      return [f, key, v];
    });
    const touched = (f: string): number[] => o.mops.filter((m) => m[0] === f).map((m) => m[1] as number);
    const conflicts = db !== 'prefix' && [...touched(store.write), ...(db === 'ssi' ? touched(':r') : [])].some((k) => (lastCommit.get(k) ?? 0) > o.at);
    if (conflicts) {
      ops.push({ type: 'fail', process: p, value: o.mops });
      continue;
    }
    version++;
    for (const k of touched(store.write)) {
      state.set(k, store.committed(local, k));
      lastCommit.set(k, version);
    }
    ops.push({ type: 'ok', process: p, value });
  }
  return history(ops);
}
