import { addAnomaly, TxnCheckUnknown, type AnomalyMap } from '../anomaly.ts';
import { showElem, showList, txnName, type Elem, type Mop, type Txn } from '../history/txn.ts';
import { possible, readList, type KeyIndex } from './indexes.ts';

/*
 * The list-append anomalies found without a cycle search, after jepsen-io/elle
 * src/elle/list_append.clj (g1a-cases, g1b-cases, internal-cases, dirty-update-cases, duplicates,
 * incompatible-orders) and src/elle/txn.clj (lost-update-cases).
 */

/**
 * Refuses histories Elle refuses: micro-ops other than append and r, or an element appended twice
 * to a key, by transactions or by invocations that never completed (`dangling`; Elle's
 * `verify-unique-appends` reads every invocation).
 */
export function verifyListAppend(txns: readonly Txn[], dangling: readonly (readonly Mop[])[] = []): void {
  const bad = txns.filter((t) => t.mops.some((m) => m.f !== 'append' && m.f !== 'r'));
  if (bad.length > 0) throw new TxnCheckUnknown('unexpected-txn-micro-op-types', `history contained operations other than appends or reads, e.g. ${txnName(bad[0]!)}`);
  const written = new Map<Elem, Set<Elem>>();
  const sources: [string, readonly Mop[]][] = [...txns.map((t): [string, readonly Mop[]] => [txnName(t), t.mops]), ...dangling.map((m): [string, readonly Mop[]] => ['an invocation that never completed', m])];
  for (const [name, mops] of sources) {
    for (const m of mops) {
      if (m.f !== 'append') continue;
      let s = written.get(m.key);
      if (s === undefined) written.set(m.key, (s = new Set()));
      const v = m.value as Elem;
      if (s.has(v)) throw new TxnCheckUnknown('duplicate-appends', `value ${showElem(v)} appended to key ${showElem(m.key)} multiple times (again by ${name})`);
      s.add(v);
    }
  }
}

/** G1a (aborted read): a committed read saw an element a failed transaction appended. */
export function g1aCases(txns: readonly Txn[], out: AnomalyMap): void {
  const failed = new Map<Elem, Map<Elem, Txn>>();
  for (const t of txns) {
    if (t.type !== 'fail') continue;
    for (const m of t.mops) {
      if (m.f !== 'append') continue;
      let f = failed.get(m.key);
      if (f === undefined) failed.set(m.key, (f = new Map()));
      f.set(m.value as Elem, t);
    }
  }
  if (failed.size === 0) return;
  for (const t of txns) {
    if (t.type !== 'ok') continue;
    for (const m of t.mops) {
      const f = m.f === 'r' ? failed.get(m.key) : undefined;
      if (f === undefined) continue;
      for (const e of readList(m)) {
        const w = f.get(e);
        if (w !== undefined) addAnomaly(out, { type: 'G1a', txns: [t.id, w.id], text: `${txnName(t)} read ${showElem(m.key)} = ${showList(m.value)}, including ${showElem(e)}, appended by ${txnName(w)}, which failed` });
      }
    }
  }
}

/** G1b (intermediate read): a committed read ended at an element another transaction later appended past. */
export function g1bCases(txns: readonly Txn[], out: AnomalyMap): void {
  const intermediate = new Map<Elem, Map<Elem, Txn>>();
  for (const t of txns) {
    const final = new Map<Elem, Elem>();
    for (const m of t.mops) {
      if (m.f !== 'append') continue;
      const prev = final.get(m.key);
      if (prev !== undefined) {
        let im = intermediate.get(m.key);
        if (im === undefined) intermediate.set(m.key, (im = new Map()));
        im.set(prev, t);
      }
      final.set(m.key, m.value as Elem);
    }
  }
  if (intermediate.size === 0) return;
  for (const t of txns) {
    if (t.type !== 'ok') continue;
    for (const m of t.mops) {
      if (m.f !== 'r') continue;
      const v = readList(m);
      if (v.length === 0) continue;
      const w = intermediate.get(m.key)?.get(v[v.length - 1]!);
      if (w !== undefined && w.id !== t.id) {
        addAnomaly(out, { type: 'G1b', txns: [t.id, w.id], text: `${txnName(t)} read ${showElem(m.key)} = ${showList(m.value)}, ending at ${showElem(v[v.length - 1]!)}, an intermediate append of ${txnName(w)}` });
      }
    }
  }
}

type Expected = { known: boolean; tail: Elem[] };

/** internal: a read disagrees with the transaction's own earlier reads and appends; future-read: it saw an append it makes later. */
export function internalCases(txns: readonly Txn[], out: AnomalyMap): void {
  for (const t of txns) {
    if (t.type !== 'ok') continue;
    const state = new Map<Elem, Expected>();
    let internalFound = false;
    for (const m of t.mops) {
      if (internalFound) break;
      if (m.f === 'append') {
        const s = state.get(m.key) ?? { known: false, tail: [] };
        state.set(m.key, { known: s.known, tail: [...s.tail, m.value as Elem] });
      } else if (m.f === 'r') {
        const v = readList(m);
        const s = state.get(m.key);
        if (s !== undefined && !matches(s, v)) {
          addAnomaly(out, { type: 'internal', txns: [t.id], text: `${txnName(t)} read ${showElem(m.key)} = ${showList(m.value)} but expected ${s.known ? '' : '[... '}${s.known ? showList(s.tail) : `${s.tail.map(showElem).join(' ')}]`} from its own earlier micro-ops` });
          internalFound = true;
        } else {
          state.set(m.key, { known: true, tail: [...v] });
        }
      }
    }
    futureRead(t, out);
  }
}

function matches(s: Expected, v: readonly Elem[]): boolean {
  if (s.known) return s.tail.length === v.length && s.tail.every((e, i) => e === v[i]);
  const i = v.length - s.tail.length;
  if (i < 0) return false;
  return s.tail.every((e, j) => e === v[i + j]);
}

function futureRead(t: Txn, out: AnomalyMap): void {
  const reads = new Map<Elem, Map<Elem, Mop>>();
  for (const m of t.mops) {
    if (m.f === 'append') {
      const r = reads.get(m.key)?.get(m.value as Elem);
      if (r !== undefined) {
        addAnomaly(out, { type: 'future-read', txns: [t.id], text: `${txnName(t)} read ${showElem(m.key)} = ${showList(r.value)}, including ${showElem(m.value as Elem)}, which it appends later` });
        return;
      }
    } else if (m.f === 'r') {
      let kr = reads.get(m.key);
      if (kr === undefined) reads.set(m.key, (kr = new Map()));
      for (const e of readList(m)) if (!kr.has(e)) kr.set(e, m);
    }
  }
}

/** duplicate-elements: an ok or info read holding some element more than once. */
export function duplicateCases(txns: readonly Txn[], out: AnomalyMap): void {
  for (const t of txns) {
    if (!possible(t)) continue;
    for (const m of t.mops) {
      if (m.f !== 'r') continue;
      const v = readList(m);
      if (v.length < 2) continue;
      const seen = new Set<Elem>();
      const dups = new Set<Elem>();
      for (const e of v) (seen.has(e) ? dups : seen).add(e);
      if (dups.size > 0) addAnomaly(out, { type: 'duplicate-elements', txns: [t.id], text: `${txnName(t)} read ${showElem(m.key)} = ${showList(m.value)}, holding ${[...dups].map(showElem).join(', ')} more than once` });
    }
  }
}

/** incompatible-order: two reads of a key that are not prefixes of one version order. */
export function incompatibleOrderCases(txns: readonly Txn[], out: AnomalyMap): void {
  const longest = new Map<Elem, readonly Elem[]>();
  for (const t of txns) {
    if (!possible(t)) continue;
    for (const m of t.mops) {
      if (m.f !== 'r') continue;
      const v = readList(m);
      const l = longest.get(m.key);
      if (v.length > 0 && (l === undefined || v.length > l.length)) longest.set(m.key, v);
    }
  }
  const reported = new Set<Elem>();
  for (const t of txns) {
    if (!possible(t)) continue;
    for (const m of t.mops) {
      if (m.f !== 'r' || reported.has(m.key)) continue;
      const v = readList(m);
      const l = longest.get(m.key);
      if (l === undefined || v.length === 0) continue;
      let prefix = v.length <= l.length;
      for (let i = 0; prefix && i < v.length; i++) prefix = v[i] === l[i];
      if (!prefix) {
        reported.add(m.key);
        addAnomaly(out, { type: 'incompatible-order', txns: [t.id], text: `reads of ${showElem(m.key)} ${showList(v)} and ${showList(l)} cannot both be prefixes of one order of appends` });
      }
    }
  }
}

/** dirty-update: in a key's version order, a failed transaction's append is followed by a committed one's. */
export function dirtyUpdateCases(txns: readonly Txn[], keys: Map<Elem, KeyIndex>, out: AnomalyMap): void {
  const writer = new Map<Elem, Map<Elem, Txn>>();
  for (const t of txns) {
    for (const m of t.mops) {
      if (m.f !== 'append') continue;
      let w = writer.get(m.key);
      if (w === undefined) writer.set(m.key, (w = new Map()));
      w.set(m.value as Elem, t);
    }
  }
  for (const [k, ki] of keys) {
    let t1: Txn | undefined; // undefined: the committed initial state
    let vs: Elem[] = [];
    for (const v of ki.values) {
      const t2 = writer.get(k)?.get(v);
      if (t2 === undefined) continue;
      const type1 = t1?.type ?? 'ok';
      if (t2.type === 'ok') {
        if (type1 === 'fail') addAnomaly(out, { type: 'dirty-update', txns: [t1!.id, t2.id], text: `key ${showElem(k)}: ${txnName(t2)} (committed) appended after ${txnName(t1!)} (failed); versions ${showList([...vs, v])}` });
        t1 = t2; vs = [v];
      } else if (t2.type === 'fail') {
        if (type1 === 'fail') vs.push(v);
        else { t1 = t2; vs = [v]; }
      } else {
        vs.push(v);
      }
    }
  }
}

/** lost-update: two committed transactions read the same version of a key and both appended to it (elle txn.clj). */
export function lostUpdateCases(txns: readonly Txn[], out: AnomalyMap): void {
  const groups = new Map<string, { key: Elem; value: string; ids: number[] }>();
  for (const t of txns) {
    if (t.type !== 'ok') continue;
    const reads = new Map<Elem, Mop['value']>(); // rendered only when a write of the key follows
    const writes = new Set<Elem>();
    for (const m of t.mops) {
      if (m.f === 'append' || m.f === 'w') {
        if (writes.has(m.key)) continue;
        const r = reads.get(m.key);
        if (r === undefined) continue;
        writes.add(m.key);
        const shown = showList(r);
        const g = `${typeof m.key}:${String(m.key)}\u0001${shown}`;
        const entry = groups.get(g);
        if (entry === undefined) groups.set(g, { key: m.key, value: shown, ids: [t.id] });
        else entry.ids.push(t.id);
      } else if (!reads.has(m.key)) {
        reads.set(m.key, m.value);
      }
    }
  }
  for (const { key, value, ids } of groups.values()) {
    if (ids.length < 2) continue;
    addAnomaly(out, { type: 'lost-update', txns: ids, text: `${ids.map((i) => txnName(txns[i]!)).join(', ')} all read ${showElem(key)} = ${value} and all wrote ${showElem(key)}` });
  }
}
