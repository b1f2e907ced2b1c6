import type { Rng } from '@faultline/core';
import type { LinkLayer } from '@faultline/transport';

/** The simplest network: every frame arrives once, after `ms`. */
export function fixedLatency(ms: number): (rng: Rng) => LinkLayer {
  return () => ({ route: () => ({ deliveries: [{ delayMs: ms }] }) });
}
