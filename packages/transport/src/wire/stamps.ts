import { DecodeError, type ClockStamps } from '@faultline/core';

/** Clock stamps from their wire form: a negative Lamport time or HLC `l` means "not stamped". */
export function stampsOf(lamport: number, l: number, c: number, vc: unknown): ClockStamps {
  const stamps: ClockStamps = {};
  if (lamport >= 0) stamps.lamport = lamport;
  if (l >= 0) stamps.hlc = { l, c };
  if (vc !== undefined) {
    if (typeof vc !== 'object' || vc === null || Array.isArray(vc)) throw new DecodeError('envelope vector clock is not a map');
    stamps.vc = vc as Record<string, number>;
  }
  return stamps;
}
