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
  /** Every write this one knew of: used only to tell "superseded later" from "lost to a concurrent write". */
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

/** Merges two versions of one key: LWW keeps the later, siblings keeps all that neither supersedes. */
export function mergeVersions(a: Version | undefined, b: Version): Version {
  if (a === undefined) return b;
  if (a.kind === 'lww' && b.kind === 'lww') {
    const winner = compareLww(a, b) >= 0 ? a : b;
    return { ...winner, vc: vcMerge(a.vc, b.vc) };
  }
  if (a.kind === 'siblings' && b.kind === 'siblings') return { kind: 'siblings', set: dvvSync(a.set, b.set) };
  throw new Error('cannot merge versions of different conflict policies');
}

/** The version a coordinator creates for a client write, superseding what it has seen locally. */
export function newVersion(policy: ConflictPolicy, current: Version | undefined, writer: string, value: RegisterValue, ts: HlcTimestamp): Version {
  if (policy === 'siblings') {
    const set = current?.kind === 'siblings' ? current.set : { entries: [] };
    return { kind: 'siblings', set: dvvUpdate(set, dvvJoin(set), writer, value) };
  }
  const seen = current?.kind === 'lww' ? current.vc : {};
  return { kind: 'lww', value, ts, writer, vc: vcIncrement(seen, writer) };
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
