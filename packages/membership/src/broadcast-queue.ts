import type { NodeId } from '@faultline/core';
import type { Update } from './member.ts';

interface Queued {
  readonly update: Update;
  transmits: number;
  readonly seq: number;
}

/**
 * The bounded piggyback queue (memberlist's TransmitLimitedQueue): at most one pending update per
 * member (a newer one replaces the older), handed out least-transmitted first, newest first among
 * equals, and dropped after `limit` transmissions.
 */
export class BroadcastQueue {
  private readonly items = new Map<NodeId, Queued>();
  private seq = 0;

  /** Pending updates. */
  get size(): number {
    return this.items.size;
  }

  /** Queues an update, replacing any pending update about the same member. */
  enqueue(update: Update): void {
    this.items.set(update.node, { update, transmits: 0, seq: this.seq++ });
  }

  /** Takes up to `max` updates for one message, skipping `except`; each counts as one transmission of `limit`. */
  take(max: number, limit: number, except?: NodeId): Update[] {
    if (max <= 0 || this.items.size === 0) return [];
    const ordered = [...this.items.values()].sort((a, b) => a.transmits - b.transmits || b.seq - a.seq);
    const out: Update[] = [];
    for (const item of ordered) {
      if (out.length >= max) break;
      if (item.update.node === except) continue;
      out.push(item.update);
      item.transmits++;
      if (item.transmits >= limit) this.items.delete(item.update.node);
    }
    return out;
  }

  /** Drops everything (used when the node goes quiet). */
  clear(): void {
    this.items.clear();
  }
}

/** How many times each update is retransmitted in a cluster of `n` members: mult · ceil(log10(n + 1)). */
export function retransmitLimit(mult: number, n: number): number {
  return mult * Math.ceil(Math.log10(n + 1));
}
