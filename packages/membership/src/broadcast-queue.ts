import type { NodeId } from '@faultline/core';
import type { Update } from './member.ts';
import { setSlot, SHARED_NODE_INDEX, type NodeIndex } from './node-index.ts';

interface Queued {
  readonly update: Update;
  /** The update's member, numbered in the queue's {@link NodeIndex}. */
  readonly node: number;
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
 * Kept as one bucket per transmit count, each in queue order (seq ascending), so a message's
 * piggyback takes from bucket ends: memberlist orders its queue in a btree for the same reason. A
 * cluster of n members may hold n pending updates (a join storm), and every message reads the queue,
 * so a take touches O(k log n) entries for the k updates it hands out: the run it moves down a bucket
 * is placed by binary search and spliced in (one memory move), never by a walk over the bucket
 * (which, once a join storm's updates moved down, visited the whole bucket on every message: issue 27).
 */
export class BroadcastQueue {
  private readonly index: NodeIndex;
  /** `items[number]`: the pending entry about the member with that node number (sparse). */
  private items: (Queued | undefined)[] = [];
  private pending = 0;
  /** `buckets[t]`: the entries transmitted t times, oldest first (stale entries included until met). */
  private buckets: Queued[][] = [];
  private staleEntries = 0;
  private seq = 0;

  /** `index`: the node numbering to key pending updates by (the member table's). */
  constructor(index: NodeIndex = SHARED_NODE_INDEX) {
    this.index = index;
  }

  /** Pending updates. */
  get size(): number {
    return this.pending;
  }

  /** Queues an update, replacing any pending update about the same member. */
  enqueue(update: Update): void {
    const node = this.index.numberOf(update.node);
    const old = this.items[node];
    if (old !== undefined) {
      this.pending--;
      this.markStale(old);
    }
    const item: Queued = { update, node, transmits: 0, seq: this.seq++, stale: false };
    setSlot(this.items, node, item, undefined);
    this.pending++;
    this.bucket(0).push(item); // the newest seq: bucket 0 stays in queue order
  }

  /** Takes up to `max` updates for one message, skipping `except`; each counts as one transmission of `limit`. */
  take(max: number, limit: number, except?: NodeId): Update[] {
    if (max <= 0 || this.pending === 0) return [];
    const out: Update[] = [];
    const moved: Queued[] = [];
    // Least transmitted first; newest (highest seq) first within a bucket: each bucket from its end.
    for (let t = 0; t < this.buckets.length && out.length < max; t++) {
      const bucket = this.buckets[t] as Queued[];
      let skipped: Queued | undefined;
      while (out.length < max && bucket.length > 0) {
        const item = bucket.pop() as Queued;
        if (item.stale) {
          this.staleEntries--;
          continue;
        }
        if (item.update.node === except) {
          skipped = item; // one live entry per member: at most one is skipped
          continue;
        }
        out.push(item.update);
        item.transmits++;
        if (item.transmits >= limit) {
          this.items[item.node] = undefined;
          this.pending--;
        } else moved.push(item);
      }
      if (skipped !== undefined) bucket.push(skipped); // the newest left in its bucket: back at the end
    }
    // Moved only now, so no update is handed out twice by one call. `moved` comes in runs of one
    // transmit count (buckets were taken in order), each newest first.
    for (let i = 0; i < moved.length;) {
      const t = (moved[i] as Queued).transmits;
      let j = i + 1;
      while (j < moved.length && (moved[j] as Queued).transmits === t) j++;
      insertRun(this.bucket(t), moved, i, j);
      i = j;
    }
    return out;
  }

  /** Drops everything (used when the node goes quiet). */
  clear(): void {
    this.items = [];
    this.pending = 0;
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
    if (this.staleEntries > 64 && this.staleEntries > this.pending) {
      this.buckets = this.buckets.map((b) => b.filter((q) => !q.stale));
      this.staleEntries = 0;
    }
  }
}

/**
 * Inserts `items[from, to)` (descending seq) into `bucket` (ascending seq), keeping it ascending.
 * Entries between two consecutive run items go in one splice; in a join storm the whole run lands
 * in one gap (below everything moved before it), so this is one binary search and one splice.
 */
function insertRun(bucket: Queued[], items: readonly Queued[], from: number, to: number): void {
  let hi = bucket.length; // every run item still to place goes below `hi`
  let k = from;
  while (k < to) {
    const at = lowerBound(bucket, (items[k] as Queued).seq, hi);
    // Items k.. that fit in the same gap (above bucket[at - 1]) go in together, ascending.
    const floor = at > 0 ? (bucket[at - 1] as Queued).seq : -1;
    let e = k + 1;
    while (e < to && (items[e] as Queued).seq > floor) e++;
    const run: Queued[] = [];
    for (let x = e - 1; x >= k; x--) run.push(items[x] as Queued);
    if (at === bucket.length) for (const q of run) bucket.push(q);
    else bucket.splice(at, 0, ...run);
    hi = at;
    k = e;
  }
}

/** The first index below `hi` whose entry's seq exceeds `seq` (seqs are unique). */
function lowerBound(bucket: readonly Queued[], seq: number, hi: number): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((bucket[mid] as Queued).seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many times each update is retransmitted in a cluster of `n` members: mult · ceil(log10(n + 1)). */
export function retransmitLimit(mult: number, n: number): number {
  return mult * Math.ceil(Math.log10(n + 1));
}
