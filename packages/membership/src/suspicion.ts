import type { NodeId } from '@faultline/core';
import type { MembershipConfig } from './config.ts';

/** Lifeguard's minimum suspicion timeout: suspicionMult · max(1, log10 n) · probeIntervalMs (memberlist's suspicionTimeout). */
export function suspicionMinMs(config: MembershipConfig, n: number): number {
  const nodeScale = Math.max(1, Math.log10(Math.max(1, n)));
  return config.suspicionMult * nodeScale * config.probeIntervalMs;
}

/** Lifeguard's maximum suspicion timeout: suspicionMaxMult · minimum. */
export function suspicionMaxMs(config: MembershipConfig, n: number): number {
  return config.suspicionMaxMult * suspicionMinMs(config, n);
}

/**
 * Lifeguard's dynamic suspicion timeout (Dadgar et al. 2017, §IV-B; memberlist remainingSuspicionTime):
 * starts at `max` and falls logarithmically with each independent confirmation, reaching `min` at `k`.
 */
export function suspicionTimeoutMs(min: number, max: number, k: number, confirmations: number): number {
  if (k < 1) return min;
  const frac = Math.log(confirmations + 1) / Math.log(k + 1);
  return Math.max(min, Math.floor(max - frac * (max - min)));
}

/** One pending suspicion about a member, as this node tracks it. */
export class Suspicion {
  readonly incarnation: number;
  readonly startedAt: number;
  /** Confirmations expected before the timeout reaches its minimum. */
  readonly k: number;
  readonly minMs: number;
  readonly maxMs: number;
  private readonly confirmers = new Set<NodeId>();
  private confirmations = 0;
  /** Set once this node has re-probed the member before declaring it down. */
  lastChanceTaken = false;

  constructor(incarnation: number, startedAt: number, from: NodeId, k: number, minMs: number, maxMs: number) {
    this.incarnation = incarnation;
    this.startedAt = startedAt;
    this.k = k;
    this.minMs = minMs;
    this.maxMs = maxMs;
    this.confirmers.add(from);
  }

  /** Records an independent confirmation; false when `from` already counted (or started it). */
  confirm(from: NodeId): boolean {
    if (this.confirmers.has(from)) return false;
    this.confirmers.add(from);
    this.confirmations++;
    return true;
  }

  /** True when `node` started or confirmed this suspicion. */
  isConfirmedBy(node: NodeId): boolean {
    return this.confirmers.has(node);
  }

  /** When this suspicion times out (the member is then declared down). */
  deadline(): number {
    return this.startedAt + suspicionTimeoutMs(this.minMs, this.maxMs, this.k, this.confirmations);
  }
}

/**
 * Confirmations Lifeguard expects (memberlist: suspicionMult − 2, or 0 when the cluster is too
 * small to provide them: n − 2 members besides the suspecter and the suspect).
 */
export function expectedConfirmations(config: MembershipConfig, n: number): number {
  const k = Math.max(0, Math.round(config.suspicionMult) - 2);
  return n - 2 < k ? 0 : k;
}
