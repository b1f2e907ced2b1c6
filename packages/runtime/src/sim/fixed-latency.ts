import type { Rng } from '@faultline/core';
import type { LinkLayer, RouteDecision } from '@faultline/transport';

/** The simplest network: every frame arrives once, after `ms`. */
export function fixedLatency(ms: number): (rng: Rng) => LinkLayer {
  // One frozen decision for every frame: the route allocates nothing (callers only read it).
  const decision: RouteDecision = Object.freeze({ deliveries: Object.freeze([Object.freeze({ delayMs: ms })]) });
  return () => ({ route: () => decision, routeOnce: () => ms });
}
