import { describeValue } from '../errors.ts';
import { ClockValueError } from './errors.ts';

/**
 * A vector clock (Fidge 1988; Mattern 1989): node id → how many of that node's events are in the causal
 * past. A missing id means 0. Use it as: local event or send → `vcIncrement(own)`; receive →
 * `vcIncrement(vcMerge(own, received), self)`.
 *
 * Gives the strong clock condition: a happened before b ⇔ V(a) < V(b), so concurrent events are detected
 * (`vcCompare` → 'concurrent'). Does NOT give a total order, any relation to wall time, or a small size:
 * it holds one entry per node that ever wrote.
 *
 * Why frozen plain records and free functions rather than a class: clocks travel in messages, and plain
 * data survives JSON and worker_threads' structured clone (which drops prototypes) unchanged, compares
 * structurally in tests, and cannot be mutated behind a sender's back. Ids are looked up with
 * `Object.hasOwn`, so an id such as "__proto__" is safe.
 */
export type VectorClock = Readonly<Record<string, number>>;

/** How two vector clocks (or the events they stamp) relate causally. */
export type Causality = 'before' | 'after' | 'equal' | 'concurrent';

/** Canonical wire form: [id, counter] pairs sorted by id (code-unit order), zero counters left out. */
export type EncodedVectorClock = ReadonlyArray<readonly [string, number]>;

/** The clock of a node that has seen nothing. */
export const emptyVectorClock: VectorClock = Object.freeze({});

/** The counter for `node` (0 if absent). */
export function vcGet(vc: VectorClock, node: string): number {
  return Object.hasOwn(vc, node) ? (vc[node] ?? 0) : 0;
}

/** A copy with `node`'s counter one higher. */
export function vcIncrement(vc: VectorClock, node: string): VectorClock {
  return freeze([...entries(vc).filter(([id]) => id !== node), [node, vcGet(vc, node) + 1]]);
}

/** The entry-wise maximum: the causal past of both. */
export function vcMerge(a: VectorClock, b: VectorClock): VectorClock {
  const out = new Map(entries(a));
  for (const [id, n] of entries(b)) out.set(id, Math.max(out.get(id) ?? 0, n));
  return freeze([...out]);
}

/** 'before' if a < b (every entry ≤, one <), 'after' if a > b, 'equal', else 'concurrent'. */
export function vcCompare(a: VectorClock, b: VectorClock): Causality {
  let aLess = false;
  let bLess = false;
  for (const id of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = vcGet(a, id);
    const y = vcGet(b, id);
    if (x < y) aLess = true;
    if (y < x) bLess = true;
  }
  if (aLess && bLess) return 'concurrent';
  if (aLess) return 'before';
  return bLess ? 'after' : 'equal';
}

/** True when the event stamped `a` happened before the event stamped `b` (a < b). */
export function vcHappenedBefore(a: VectorClock, b: VectorClock): boolean {
  return vcCompare(a, b) === 'before';
}

/** The canonical pairs form; equal clocks encode identically, so the JSON of it can be hashed or compared. */
export function vcEncode(vc: VectorClock): EncodedVectorClock {
  return entries(vc)
    .filter(([, n]) => n !== 0)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

/** Parses the pairs form (e.g. from the wire); throws ClockValueError unless it is canonical. */
export function vcDecode(encoded: EncodedVectorClock): VectorClock {
  if (!Array.isArray(encoded)) {
    const got = describeValue(encoded);
    throw new ClockValueError(`encoded vector clock must be an array of [id, counter] pairs, got ${got}`);
  }
  const where = 'encoded vector clock';
  let previous: string | undefined;
  for (const [i, pair] of encoded.entries()) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') {
      throw new ClockValueError(`${where}: entry ${i} must be an [id, counter] pair, got ${describeValue(pair)}`);
    }
    const [id, n] = pair;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
      const got = describeValue(n);
      throw new ClockValueError(`${where}: counter of ${describeValue(id)} must be a positive safe integer, got ${got}`);
    }
    if (previous !== undefined && !(previous < id)) {
      const got = `${describeValue(id)} after ${describeValue(previous)}`;
      throw new ClockValueError(`${where}: ids must be strictly increasing, got ${got}`);
    }
    previous = id;
  }
  return freeze(encoded);
}

function entries(vc: VectorClock): Array<[string, number]> {
  return Object.entries(vc);
}

function freeze(pairs: Iterable<readonly [string, number]>): VectorClock {
  return Object.freeze(Object.fromEntries(pairs));
}
