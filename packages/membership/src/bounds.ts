import type { MembershipConfig } from './config.ts';
import { suspicionMaxMs } from './suspicion.ts';

/**
 * How long, at most, until every live member marks a crashed member down, in a cluster of `n`
 * members with healthy local health (awareness 0): round-robin probing reaches the crashed member
 * within 2n − 1 protocol periods (SWIM §4.3), that probe fails by the end of its period, the
 * suspicion then runs at most Lifeguard's maximum timeout, and gossip adds a few gossip intervals.
 */
export function crashDetectionBoundMs(config: MembershipConfig, n: number): number {
  return 2 * n * config.probeIntervalMs + suspicionMaxMs(config, n) + 5 * config.gossipIntervalMs;
}
