import type { NodeId } from '@faultline/core';
import type { SplitBrainConfig } from './config.ts';
import type { MemberStatus } from './member.ts';
import { decideSplitBrain, type SplitBrainDecision } from './split-brain.ts';

/**
 * Watches one node's view for a split that stays unchanged for `stableAfterMs` and then decides it.
 * This side is this node and the members it sees `alive`; a member anyone suspects is on the other
 * side, so one node's slow probing cannot make a half-detected partition look like a majority.
 * Set `stableAfterMs` above the maximum suspicion timeout: every suspicion then settles (refuted
 * or down) before a decision.
 * Members downed when a decision was taken count as resolved: later splits ignore them (as Akka
 * removes downed members), until they come back alive with a new incarnation.
 */
export class SplitBrainTracker {
  private readonly config: SplitBrainConfig;
  private readonly self: NodeId;
  private readonly resolved = new Set<NodeId>();
  private key = '';
  private since = 0;

  constructor(config: SplitBrainConfig, self: NodeId) {
    this.config = config;
    this.self = self;
  }

  /** Notes the current split; returns when to decide, or undefined when there is nothing to decide. */
  observe(statuses: ReadonlyMap<NodeId, MemberStatus>, now: number): number | undefined {
    const { others } = this.split(statuses);
    const key = others.join(',');
    if (key !== this.key) {
      this.key = key;
      this.since = now;
    }
    return others.length === 0 ? undefined : this.since + this.config.stableAfterMs;
  }

  /** The decision, when the split has been stable for `stableAfterMs`; marks the losers resolved. */
  decide(statuses: ReadonlyMap<NodeId, MemberStatus>, now: number, seniority: readonly NodeId[]): SplitBrainDecision | undefined {
    const { side, others } = this.split(statuses);
    if (others.length === 0 || others.join(',') !== this.key || now - this.since < this.config.stableAfterMs) return undefined;
    const decision = decideSplitBrain(this.config, side, others, seniority);
    if (decision.type === 'down-others') for (const n of others) this.resolved.add(n);
    return decision;
  }

  /** A resolved member came back (alive or suspect with a new incarnation): it counts again. */
  revive(node: NodeId): void {
    this.resolved.delete(node);
  }

  private split(statuses: ReadonlyMap<NodeId, MemberStatus>): { side: NodeId[]; others: NodeId[] } {
    const side: NodeId[] = [this.self];
    const others: NodeId[] = [];
    for (const [node, status] of statuses) {
      if (node === this.self || status === 'left' || this.resolved.has(node)) continue;
      // Only members nobody suspects are on this side (Akka: unreachable as seen by any node).
      if (status === 'alive') side.push(node);
      else others.push(node);
    }
    others.sort();
    return { side, others };
  }
}
