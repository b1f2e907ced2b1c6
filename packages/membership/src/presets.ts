import type { MembershipConfig } from './config.ts';

/** The named configuration presets. */
export type MembershipPreset = 'lan' | 'wan' | 'sim-fast';

/**
 * hashicorp/memberlist's DefaultLANConfig, field by field: a data-centre network with sub-ms
 * round trips and rare loss. Every default below says why it is what it is.
 */
const LAN: MembershipConfig = {
  // One probe per second per node: each member is probed about once a second cluster-wide, at O(1) load per node.
  probeIntervalMs: 1000,
  // Half the interval: a LAN round trip is far below this, and the other half is left for the indirect probes.
  probeTimeoutMs: 500,
  // SWIM's k: three relays make a false failure need three more lost paths (memberlist's default).
  indirectChecks: 3,
  // Minimum suspicion = 4 · max(1, log10 n) probe intervals: room for the suspect to hear of it and refute.
  suspicionMult: 4,
  // Lifeguard: a lone suspicion waits 6× the minimum; independent confirmations shrink it toward the minimum.
  suspicionMaxMult: 6,
  // Lifeguard's local health multiplier caps at 8: probe interval and timeout stretch at most 9×.
  awarenessMax: 8,
  // Gossip five times a second: fast spread without waiting for the next probe to piggyback on.
  gossipIntervalMs: 200,
  // Three gossip targets per round: spreads in O(log n) rounds.
  gossipFanout: 3,
  // Each update is sent 4 · ceil(log10(n+1)) times: enough for epidemic spread to reach all with high probability.
  retransmitMult: 4,
  // Updates piggybacked per message; memberlist bounds by UDP packet size, we bound by count.
  maxPiggyback: 8,
  // Keep gossiping to a member for 30 s after it went down, so a wrongly downed member hears of it and refutes.
  gossipToTheDeadMs: 30_000,
  // Full state exchange with one random member every 30 s repairs anything gossip missed.
  pushPullIntervalMs: 30_000,
  // Every 10 s try a full state exchange with one downed member: after a partition heals, the sides find each other.
  reconnectIntervalMs: 10_000,
  // Retry joining through the seeds every second until one answers.
  joinRetryMs: 1000,
  // Quorum is a majority of the known members unless a fixed size is configured.
  quorum: 'majority',
  // No split-brain resolution unless asked for: downing a side is a policy decision.
  splitBrain: null,
};

/** memberlist's DefaultWANConfig: long round trips and more loss, so everything is slower and more patient. */
const WAN: MembershipConfig = {
  ...LAN,
  // Probe every 5 s: WAN links are slow and expensive.
  probeIntervalMs: 5000,
  // 3 s covers intercontinental round trips with retransmission.
  probeTimeoutMs: 3000,
  // Six intervals of suspicion before down: partitions on a WAN are often brief.
  suspicionMult: 6,
  // Gossip every 500 ms to four members: fewer, larger rounds that still spread fast.
  gossipIntervalMs: 500,
  gossipFanout: 4,
  // Gossip to the dead for a minute, exchange state every minute, retry downed members every 30 s.
  gossipToTheDeadMs: 60_000,
  pushPullIntervalMs: 60_000,
  reconnectIntervalMs: 30_000,
  // Join retries every 5 s: a seed across the WAN may be slow to answer.
  joinRetryMs: 5000,
};

/**
 * The LAN preset ten times faster, for the simulator (1–5 ms links): same ratios, so the protocol
 * behaves the same, but a scenario needs ten times fewer virtual seconds to tell its story.
 */
const SIM_FAST: MembershipConfig = {
  ...LAN,
  // 100 ms probe interval, 50 ms direct timeout: still 10× the simulated round trip.
  probeIntervalMs: 100,
  probeTimeoutMs: 50,
  // Gossip every 20 ms (LAN ÷ 10).
  gossipIntervalMs: 20,
  // Gossip to the dead for 3 s, full sync every 3 s, reconnect to downed members every second.
  gossipToTheDeadMs: 3000,
  pushPullIntervalMs: 3000,
  reconnectIntervalMs: 1000,
  // Retry joining every 100 ms.
  joinRetryMs: 100,
};

/** The presets by name. */
export const MEMBERSHIP_PRESETS: Readonly<Record<MembershipPreset, MembershipConfig>> = Object.freeze({
  lan: Object.freeze(LAN),
  wan: Object.freeze(WAN),
  'sim-fast': Object.freeze(SIM_FAST),
});
