import { describeValue } from '../errors.ts';
import { ClockValueError } from './errors.ts';

/** A hybrid logical clock timestamp (Kulkarni et al. 2014): `l` = largest physical time heard of (ms), `c` = counter within it. */
export interface HlcTimestamp {
  readonly l: number;
  readonly c: number;
}

/** Largest `l` a timestamp can carry: 48 bits of milliseconds (about the year 10889). */
export const HLC_MAX_L = 2 ** 48 - 1;

/** Largest `c` a timestamp can carry: 16 bits. */
export const HLC_MAX_C = 0xffff;

/** Lexicographic order on (l, c): the order in which HLC timestamps respect causality. */
export function compareHlc(a: HlcTimestamp, b: HlcTimestamp): -1 | 0 | 1 {
  if (a.l !== b.l) return a.l < b.l ? -1 : 1;
  return a.c < b.c ? -1 : a.c > b.c ? 1 : 0;
}

/** Packs into one unsigned 64-bit value, l in the high 48 bits and c in the low 16; packed order equals `compareHlc`. */
export function packHlc(ts: HlcTimestamp): bigint {
  checkHlcTimestamp(ts, 'packHlc');
  return (BigInt(ts.l) << 16n) | BigInt(ts.c);
}

/** The inverse of `packHlc`; throws ClockValueError for a value outside [0, 2^64). */
export function unpackHlc(packed: bigint): HlcTimestamp {
  if (typeof packed !== 'bigint' || packed < 0n || packed >= 1n << 64n) {
    throw new ClockValueError(`unpackHlc: packed HLC must be a bigint in [0, 2^64), got ${describeValue(packed)}`);
  }
  return { l: Number(packed >> 16n), c: Number(packed & 0xffffn) };
}

/** Throws ClockValueError unless l is an integer in [0, 2^48) and c an integer in [0, 2^16). */
export function checkHlcTimestamp(ts: HlcTimestamp, where: string): void {
  if (typeof ts !== 'object' || ts === null) {
    throw new ClockValueError(`${where}: HLC timestamp must be an object {l, c}, got ${describeValue(ts)}`);
  }
  if (!Number.isInteger(ts.l) || ts.l < 0 || ts.l > HLC_MAX_L) {
    throw new ClockValueError(`${where}: HLC l must be an integer in [0, 2^48), got ${describeValue(ts.l)}`);
  }
  if (!Number.isInteger(ts.c) || ts.c < 0 || ts.c > HLC_MAX_C) {
    throw new ClockValueError(`${where}: HLC c must be an integer in [0, 65535], got ${describeValue(ts.c)}`);
  }
}
