import type { Envelope } from '@faultline/core';

/**
 * Election Safety (Raft Figure 3: at most one leader per term), checked on every message the
 * simulator sends: only a leader sends `raft-append` or `raft-snapshot`, so two senders of them in
 * one term are two leaders of that term. Feed it the simulation's `onTrace`.
 */
export class LeadersPerTerm {
  private readonly leaderOf = new Map<number, string>();
  /** Every second leader seen, with the time and both nodes. */
  readonly violations: string[] = [];

  observe(ev: string, t: number, envelope: Envelope): void {
    if (ev !== 'send') return;
    const p = envelope.payload as { type?: unknown; term?: unknown } | null;
    if (p === null || typeof p !== 'object' || (p.type !== 'raft-append' && p.type !== 'raft-snapshot') || typeof p.term !== 'number') return;
    const first = this.leaderOf.get(p.term);
    if (first === undefined) this.leaderOf.set(p.term, envelope.from.node);
    else if (first !== envelope.from.node && this.violations.length < 100) this.violations.push(`term ${p.term}: ${first} and ${envelope.from.node} both led (seen at ${t.toFixed(0)} ms)`);
  }

  /** Terms that had a leader that sent something. */
  get terms(): number {
    return this.leaderOf.size;
  }
}
