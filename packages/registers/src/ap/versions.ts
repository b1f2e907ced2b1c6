import {
  compareHlc, dvvJoin, dvvSync, dvvUpdate, dvvValues, vcCompare, vcIncrement, vcMerge,
  type DvvSet, type HlcTimestamp, type VectorClock,
} from '@faultline/core';
import type { RegisterValue } from '../protocol.ts';

/** How concurrent writes are resolved. */
export type ConflictPolicy =
  /** Last writer wins by the writer's physical clock: skew decides, updates are lost silently. */
  | 'lww-wall'
  /** Last writer wins by hybrid logical clock: respects causality, still drops concurrent writes. */
  | 'lww-hlc'
  /** Keep concurrent writes as siblings (dotted version vector set); the reader resolves them. */
  | 'siblings';

/** One LWW version: a value, its timestamp and writer (the tie-break), and its causal context. */
export interface LwwVersion {
  readonly kind: 'lww';
  readonly value: RegisterValue;
  readonly ts: HlcTimestamp;
  readonly writer: string;
  /** This write's causal context: every write its coordinator had seen, plus itself. */
  readonly vc: VectorClock;
}

/** A key's sibling set. */
export interface SiblingVersion {
  readonly kind: 'siblings';
  readonly set: DvvSet<RegisterValue>;
}

/** What a replica stores for a key. */
export type Version = LwwVersion | SiblingVersion;

/** Orders LWW versions: timestamp, then writer id. */
export function compareLww(a: LwwVersion, b: LwwVersion): number {
  return compareHlc(a.ts, b.ts) || (a.writer < b.writer ? -1 : a.writer > b.writer ? 1 : 0);
}

/** The result of merging two versions: what remains, and an LWW loser that no causal successor replaced. */
export interface Merged {
  readonly version: Version;
  /** Set when last-writer-wins threw away a write that was concurrent with (or causally after) the winner. */
  readonly discarded?: LwwVersion;
}

/** Merges two versions of one key: LWW keeps the larger timestamp, siblings keeps all that neither supersedes. */
export function mergeVersions(a: Version | undefined, b: Version): Merged {
  if (a === undefined) return { version: b };
  if (a.kind === 'lww' && b.kind === 'lww') {
    const [winner, loser] = compareLww(a, b) >= 0 ? [a, b] : [b, a];
    if (winner === loser || winner.value === loser.value) return { version: winner };
    const causallyReplaced = vcCompare(loser.vc, winner.vc) === 'before';
    return causallyReplaced ? { version: winner } : { version: winner, discarded: loser };
  }
  if (a.kind === 'siblings' && b.kind === 'siblings') return { version: { kind: 'siblings', set: dvvSync(a.set, b.set) } };
  throw new Error('cannot merge versions of different conflict policies');
}

/**
 * The version a coordinator creates for a client write. `seen` is every write context this
 * replica has merged for the key, so the new write is causally after all of them.
 */
export function newVersion(policy: ConflictPolicy, current: Version | undefined, seen: VectorClock, writer: string, value: RegisterValue, ts: HlcTimestamp): Version {
  if (policy === 'siblings') {
    const set = current?.kind === 'siblings' ? current.set : { entries: [] };
    return { kind: 'siblings', set: dvvUpdate(set, dvvJoin(set), writer, value) };
  }
  return { kind: 'lww', value, ts, writer, vc: vcIncrement(seen, writer) };
}

/** Adds a version's context to what a replica has seen of a key. */
export function seenWith(seen: VectorClock | undefined, v: Version): VectorClock {
  return vcMerge(seen ?? {}, contextOf(v));
}

/** The causal context of a version (what a write with it had seen). */
export function contextOf(v: Version): VectorClock {
  return v.kind === 'lww' ? v.vc : dvvJoin(v.set);
}

/** The values a reader sees: one for LWW, the siblings otherwise. */
export function valuesOf(v: Version | undefined): RegisterValue[] {
  if (v === undefined) return [];
  return v.kind === 'lww' ? [v.value] : dvvValues(v.set);
}

/** Whether two versions hold the same state (for convergence). */
export function sameVersion(a: Version | undefined, b: Version | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === 'lww' && b.kind === 'lww') return compareLww(a, b) === 0 && a.value === b.value;
  if (a.kind === 'siblings' && b.kind === 'siblings') {
    return vcCompare(dvvJoin(a.set), dvvJoin(b.set)) === 'equal' && JSON.stringify(dvvValues(a.set)) === JSON.stringify(dvvValues(b.set));
  }
  return false;
}
