import { vcGet, type VectorClock } from '../../src/clock/vector-clock.ts';

/** One sibling of the reference: its value, the dot (writer, counter) of its write, and its full causal history. */
export interface RefSibling {
  readonly value: number;
  readonly dot: string;
  /** Every dot this write had seen, its own included, spelled out one by one. */
  readonly history: ReadonlySet<string>;
}

/**
 * The deliberately simple reference for DVV sets: every sibling carries its whole causal history as an
 * explicit set of dots, and a sibling is superseded exactly when its dot is in another's history.
 * (Not a plain vector clock per sibling: with writer = replica id, a second blind write at A would get
 * {A: 2} and wrongly dominate the first's {A: 1} — the false dominance DVVs were invented to fix,
 * Almeida et al. 2014 §3. Values must be unique; each stands for one write.)
 */
export type RefStore = readonly RefSibling[];

const dot = (id: string, n: number): string => JSON.stringify([id, n]);

/** The dots a context (a join read earlier) covers: (i, 1..context[i]) for every i. */
function covered(context: VectorClock): Set<string> {
  const out = new Set<string>();
  for (const id of Object.keys(context)) for (let n = 1; n <= vcGet(context, id); n++) out.add(dot(id, n));
  return out;
}

/** Per writer, the highest counter seen anywhere in the store's histories. */
export function refJoin(store: RefStore): VectorClock {
  const out: Record<string, number> = {};
  for (const s of store) {
    for (const d of s.history) {
      const [id, n] = JSON.parse(d) as [string, number];
      out[id] = Math.max(out[id] ?? 0, n);
    }
  }
  return out;
}

/** A write at `writer` by a client that read `context`: covered siblings go; the new one has history = context + its dot. */
export function refUpdate(store: RefStore, context: VectorClock, writer: string, value: number): RefStore {
  const seen = covered(context);
  const counter = Math.max(vcGet(refJoin(store), writer), vcGet(context, writer)) + 1;
  const own = dot(writer, counter);
  const kept = store.filter((s) => !seen.has(s.dot));
  return [...kept, { value, dot: own, history: new Set([...seen, own]) }];
}

/** Anti-entropy: the union, minus any sibling whose dot another sibling's history contains. */
export function refSync(a: RefStore, b: RefStore): RefStore {
  const union = [...new Map([...a, ...b].map((s) => [s.value, s])).values()];
  return union.filter((s) => !union.some((t) => t !== s && t.history.has(s.dot)));
}
