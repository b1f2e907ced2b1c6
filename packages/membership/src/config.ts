import { ConfigError, requireInteger, requireNumber, requireOneOf } from '@faultline/core';
import { MEMBERSHIP_PRESETS, type MembershipPreset } from './presets.ts';

/** Split-brain resolution strategies, after Akka's Split Brain Resolver. */
export type SplitBrainStrategy = 'keep-majority' | 'static-quorum' | 'keep-oldest' | 'down-all';

/** The split-brain strategies, for validation and docs. */
export const SPLIT_BRAIN_STRATEGIES: readonly SplitBrainStrategy[] = ['keep-majority', 'static-quorum', 'keep-oldest', 'down-all'];

/** How a node decides which side of a partition survives; the losing side downs itself. */
export interface SplitBrainConfig {
  readonly strategy: SplitBrainStrategy;
  /** The split must stay unchanged this long before acting; keep it above the maximum suspicion timeout. */
  readonly stableAfterMs: number;
  /** static-quorum only: the least number of members (self included) a side needs to survive. */
  readonly quorumSize?: number;
}

/** What counts as a quorum: a majority of the known members, or a fixed number of reachable members. */
export type QuorumRule = 'majority' | number;

/** Settings of the membership protocol (SWIM + Lifeguard), all times in ms of the node's clock. */
export interface MembershipConfig {
  /** Time between two probes (SWIM's protocol period T'), before Lifeguard scaling. */
  readonly probeIntervalMs: number;
  /** How long to wait for a direct ack before asking relays, before Lifeguard scaling. */
  readonly probeTimeoutMs: number;
  /** How many relays are asked to probe indirectly (SWIM's k). */
  readonly indirectChecks: number;
  /** Minimum suspicion timeout = suspicionMult · max(1, log10 n) · probeIntervalMs. */
  readonly suspicionMult: number;
  /** Maximum suspicion timeout = suspicionMaxMult · minimum (Lifeguard's dynamic suspicion). */
  readonly suspicionMaxMult: number;
  /** Upper bound of Lifeguard's local health multiplier. */
  readonly awarenessMax: number;
  /** Time between two gossip rounds. */
  readonly gossipIntervalMs: number;
  /** Members sent to per gossip round. */
  readonly gossipFanout: number;
  /** Each update is retransmitted retransmitMult · ceil(log10(n + 1)) times. */
  readonly retransmitMult: number;
  /** Most updates piggybacked on one message. */
  readonly maxPiggyback: number;
  /** Keep gossiping to a downed member this long, so it can hear of it and refute. */
  readonly gossipToTheDeadMs: number;
  /** Time between two full state exchanges with a random member (0 turns them off). */
  readonly pushPullIntervalMs: number;
  /** Time between two attempts to reach a random downed member (0 turns them off). */
  readonly reconnectIntervalMs: number;
  /** Time between two join attempts through the seeds. */
  readonly joinRetryMs: number;
  /** What counts as a quorum. */
  readonly quorum: QuorumRule;
  /** Split-brain resolution, or null for none. */
  readonly splitBrain: SplitBrainConfig | null;
}

/** A preset name plus overrides; validated by {@link membershipConfig}. */
export type MembershipConfigInput = Partial<MembershipConfig> & { readonly preset?: MembershipPreset };

const PRESET_NAMES = Object.keys(MEMBERSHIP_PRESETS) as MembershipPreset[];

/** Builds a config from a preset (default `lan`) and overrides; throws ConfigError naming the bad field. */
export function membershipConfig(input: MembershipConfigInput = {}): MembershipConfig {
  if (typeof input !== 'object' || input === null) throw new ConfigError('membership', input, 'must be a config object');
  const preset = requireOneOf('membership.preset', input.preset ?? 'lan', PRESET_NAMES);
  const { preset: _preset, ...overrides } = input;
  for (const key of Object.keys(overrides)) {
    if (!(key in MEMBERSHIP_PRESETS.lan)) throw new ConfigError(`membership.${key}`, key, 'is not a membership setting');
  }
  const c: MembershipConfig = { ...MEMBERSHIP_PRESETS[preset], ...overrides };
  const f = (name: keyof MembershipConfig) => `membership.${name}`;
  requireNumber(f('probeIntervalMs'), c.probeIntervalMs, 1);
  requireNumber(f('probeTimeoutMs'), c.probeTimeoutMs, 1);
  if (c.probeTimeoutMs >= c.probeIntervalMs) {
    throw new ConfigError(f('probeTimeoutMs'), c.probeTimeoutMs, `must be below probeIntervalMs (${c.probeIntervalMs}) to leave time for indirect probes`);
  }
  requireInteger(f('indirectChecks'), c.indirectChecks, 0, 64);
  requireNumber(f('suspicionMult'), c.suspicionMult, 1);
  requireNumber(f('suspicionMaxMult'), c.suspicionMaxMult, 1);
  requireInteger(f('awarenessMax'), c.awarenessMax, 0, 100);
  requireNumber(f('gossipIntervalMs'), c.gossipIntervalMs, 1);
  requireInteger(f('gossipFanout'), c.gossipFanout, 1, 64);
  requireInteger(f('retransmitMult'), c.retransmitMult, 1, 100);
  requireInteger(f('maxPiggyback'), c.maxPiggyback, 1, 1000);
  requireNumber(f('gossipToTheDeadMs'), c.gossipToTheDeadMs, 0);
  requireNumber(f('pushPullIntervalMs'), c.pushPullIntervalMs, 0);
  requireNumber(f('reconnectIntervalMs'), c.reconnectIntervalMs, 0);
  requireNumber(f('joinRetryMs'), c.joinRetryMs, 1);
  if (c.quorum !== 'majority') requireInteger(f('quorum'), c.quorum, 1);
  if (c.splitBrain !== null) validateSplitBrain(c.splitBrain);
  return Object.freeze(c);
}

function validateSplitBrain(s: SplitBrainConfig): void {
  if (typeof s !== 'object') throw new ConfigError('membership.splitBrain', s, 'must be null or { strategy, stableAfterMs }');
  requireOneOf('membership.splitBrain.strategy', s.strategy, SPLIT_BRAIN_STRATEGIES);
  requireNumber('membership.splitBrain.stableAfterMs', s.stableAfterMs, 0);
  if (s.strategy === 'static-quorum') requireInteger('membership.splitBrain.quorumSize', s.quorumSize, 1);
  else if (s.quorumSize !== undefined) {
    throw new ConfigError('membership.splitBrain.quorumSize', s.quorumSize, "is only used by the 'static-quorum' strategy");
  }
}
