import type { NodeId } from '@faultline/core';
import type { Update } from './member.ts';

interface Queued {
  readonly update: Update;
  transmits: number;
  readonly seq: number;
  /** Replaced by a newer update about the same member (or cleared): skipped and dropped when met. */
  stale: boolean;
}

/**
 * The bounded piggyback queue (memberlist's TransmitLimitedQueue, queue.go): at most one pending
 * update per member (a newer one replaces the older), handed out least-transmitted first, newest
 * first among equals, and dropped after `limit` transmissions.
 *
 * Kept as one bucket per transmit count, each in queue order, so a message's piggyback costs
 * O(what it takes) rather than a sort of the whole queue: memberlist orders its queue in a btree for
 * the same reason. A cluster of n members may hold n pending updates (a join storm), and every
 * message reads the queue.
 */
export class BroadcastQueue {
  private readonly items = new Map<NodeId, Queued>();
  /** `buckets[t]`: the entries transmitted t times, oldest first (stale entries included until met). */
  private buckets: Queued[][] = [];
  private staleEntries = 0;
  private seq = 0;

  /** Pending updates. */
  get size(): number {
    return this.items.size;
  }

  /** Queues an update, replacing any pending update about the same member. */
  enqueue(update: Update): void {
    const old = this.items.get(update.node);
    if (old !== undefined) this.markStale(old);
    const item: Queued = { update, transmits: 0, seq: this.seq++, stale: false };
    this.items.set(update.node, item);
    this.bucket(0).push(item); // the newest seq: bucket 0 stays in queue order
  }

  /** Takes up to `max` updates for one message, skipping `except`; each counts as one transmission of `limit`. */
  take(max: number, limit: number, except?: NodeId): Update[] {
    if (max <= 0 || this.items.size === 0) return [];
    const out: Update[] = [];
    const moved: Queued[] = [];
    // Least transmitted first; newest (highest seq) first within a bucket, so walk each from its end.
    scan: for (let t = 0; t < this.buckets.length; t++) {
      const bucket = this.buckets[t] as Queued[];
      for (let i = bucket.length - 1; i >= 0; i--) {
        const item = bucket[i] as Queued;
        if (item.stale) {
          bucket.splice(i, 1);
          this.staleEntries--;
          continue;
        }
        if (out.length >= max) break scan;
        if (item.update.node === except) continue;
        out.push(item.update);
        bucket.splice(i, 1);
        item.transmits++;
        if (item.transmits >= limit) this.items.delete(item.update.node);
        else moved.push(item);
      }
    }
    // Moved only now, so no update is handed out twice by one call; each into its bucket in seq order.
    // `moved` comes in runs of one transmit count (buckets were scanned in order), each newest first:
    // a run is merged into its bucket in one backward pass, not spliced in item by item.
    for (let i = 0; i < moved.length;) {
      const t = (moved[i] as Queued).transmits;
      let j = i + 1;
      while (j < moved.length && (moved[j] as Queued).transmits === t) j++;
      mergeNewestFirst(this.bucket(t), moved, i, j);
      i = j;
    }
    return out;
  }

  /** Drops everything (used when the node goes quiet). */
  clear(): void {
    this.items.clear();
    this.buckets = [];
    this.staleEntries = 0;
  }

  private bucket(t: number): Queued[] {
    while (this.buckets.length <= t) this.buckets.push([]);
    return this.buckets[t] as Queued[];
  }

  /** Marks a replaced entry; once stale entries outnumber live ones, sweeps them all out (bounds memory). */
  private markStale(item: Queued): void {
    item.stale = true;
    this.staleEntries++;
    if (this.staleEntries > 64 && this.staleEntries > this.items.size) {
      this.buckets = this.buckets.map((b) => b.filter((q) => !q.stale));
      this.staleEntries = 0;
    }
  }
}

/**
 * Merges `items[from, to)` (descending seq) into `bucket` (ascending seq), keeping it ascending: what
 * inserting each at its place would give (seqs are unique), in one pass from the end, which is
 * where the newest entries go.
 */
function mergeNewestFirst(bucket: Queued[], items: readonly Queued[], from: number, to: number): void {
  let r = bucket.length - 1;
  for (let k = from; k < to; k++) bucket.push(items[k] as Queued); // grow (overwritten below)
  let w = bucket.length - 1;
  for (let k = from; k < to; k++) {
    const item = items[k] as Queued;
    while (r >= 0 && (bucket[r] as Queued).seq > item.seq) bucket[w--] = bucket[r--] as Queued;
    bucket[w--] = item;
  }
}

/** How many times each update is retransmitted in a cluster of `n` members: mult · ceil(log10(n + 1)). */
export function retransmitLimit(mult: number, n: number): number {
  return mult * Math.ceil(Math.log10(n + 1));
}
