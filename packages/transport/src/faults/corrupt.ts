import type { Rng } from '@faultline/core';
import type { CorruptWhere } from './link-fault.ts';

/**
 * Returns a copy of `bytes` with `count` bytes flipped (XOR with a random non-zero mask) at
 * distinct random positions. With `where: 'header'` the first flipped byte is byte 0, the
 * frame's wire-version byte, so the receiver always rejects the frame as malformed.
 */
export function corruptBytes(bytes: Uint8Array, count: number, where: CorruptWhere, rng: Rng): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  const positions = new Set<number>();
  if (where === 'header') positions.add(0);
  const wanted = Math.min(count, out.length);
  while (positions.size < wanted) positions.add(rng.int(out.length));
  for (const i of positions) out[i] = (out[i] as number) ^ (1 + rng.int(255));
  return out;
}
