import type { Mop, Txn, TxnHistory } from '@faultline/checker';

/** The seed of every generated transactional history; printed with the figures. */
export const TXN_SEED = 26;

/** mulberry32: a small seeded generator, so a history is reproduced from its seed. */
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

/**
 * A strict-serializable list-append history of `n` transactions, shaped like Elle's generator
 * (elle txn.clj `wr-txns`): 1-4 micro-ops of reads and appends over 10 active keys, lower keys
 * likelier, a key retired for a fresh one after 32 appends so lists stay short. `concurrency`
 * transactions are open at once; each takes effect at its invocation (inside its window), so
 * the invocation order is a serialization consistent with real time.
 */
export function generateListAppend(n: number, seed = TXN_SEED, concurrency = 8): TxnHistory {
  const random = rng(seed);
  const active = Array.from({ length: 10 }, (_, i) => i);
  let nextKey = active.length;
  const state = new Map<number, number[]>();
  const txns: Txn[] = [];
  const events = new Int32Array(2 * n);
  let ev = 0;
  const completions: number[] = [];
  for (let i = 0; i < n; i++) {
    const len = 1 + Math.floor(random() * 4);
    const mops: Mop[] = [];
    for (let j = 0; j < len; j++) {
      const slot = Math.min(active.length - 1, Math.floor(-Math.log2(1 - random() * 0.999)));
      const key = active[slot]!;
      const list = state.get(key) ?? [];
      if (random() < 0.5) {
        mops.push({ f: 'r', key, value: list.slice() });
      } else {
        const v = list.length + 1;
        list.push(v);
        state.set(key, list);
        mops.push({ f: 'append', key, value: v });
        if (list.length >= 32) active[slot] = nextKey++;
      }
    }
    const process = i % concurrency;
    txns.push({ id: i, index: 0, invokeIndex: 0, process, type: 'ok', mops, time: undefined, invokeTime: undefined });
    events[ev++] = i;
    completions.push(i);
    if (completions.length >= concurrency) events[ev++] = ~completions.shift()!;
  }
  for (const id of completions) events[ev++] = ~id;
  // Jepsen indices: position in the event order.
  const idx = new Int32Array(n), inv = new Int32Array(n);
  for (let k = 0; k < events.length; k++) {
    const e = events[k]!;
    if (e >= 0) inv[e] = k;
    else idx[~e] = k;
  }
  // Completion order, with ids renumbered to match (Txn ids are positions in completion order).
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => idx[a]! - idx[b]!);
  const newId = new Int32Array(n);
  order.forEach((old, pos) => { newId[old] = pos; });
  const sorted = order.map((old, pos): Txn => ({ ...txns[old]!, id: pos, index: idx[old]!, invokeIndex: inv[old]! }));
  const remapped = events.map((e) => (e >= 0 ? newId[e]! : ~newId[~e]!));
  return { txns: sorted, events: remapped };
}
