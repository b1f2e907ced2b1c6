import type { Rng } from '../random/rng.ts';

/** A request id: names one logical request across all its retries, so a server can answer it once. */
export type RequestId = string & { readonly __brand: 'RequestId' };

/**
 * A fresh request id drawn from a seeded generator (64 random bits as hex, after `prefix`),
 * so ids replay with the seed. Pass `ctx.rng` in an actor, or a generator derived from the run's seed in a driver.
 */
export function newRequestId(rng: Rng, prefix = 'r'): RequestId {
  const hex = (n: number): string => n.toString(16).padStart(8, '0');
  return `${prefix}-${hex(rng.int(0x1_0000_0000))}${hex(rng.int(0x1_0000_0000))}` as RequestId;
}
