import { HeadQueue, type Envelope } from '@faultline/core';

/** Entries one link holds past its window before it drops newer ones (`send-queue-full`). */
export const DEFAULT_SEND_QUEUE_CAPACITY = 100_000;
/** A full link whose receiver returns no credit for this long is taken as stuck: it stops slowing its sender (ms). */
export const STALL_AFTER_MS = 2_000;

/** What waits for room in a link's window: an envelope (its payload a snapshot) or a raw frame. */
export type WaitingEntry = Envelope | Uint8Array;

/**
 * The sender's side of credit-based flow control on one link (TCP's receive window, Akka Artery's
 * and Reactive Streams' demand): at most `limit` entries (envelopes and raw frames) are posted and
 * not yet credited back by the receiver, which credits a batch once it has taken it off the wire
 * (decoded it, or dropped it whole). Past the window, entries wait here in order — bounded by
 * `capacity`, newer ones dropped past it. From half the window on the link is *slowing*: its node
 * stops handing messages to its actors until credit comes back, so a sending actor is slowed before
 * anything has to wait. A link that gets no credit for STALL_AFTER_MS while slowing is *stalled*
 * (the receiver is stuck): it no longer slows its node, and its queue fills and drops.
 */
export class SendWindow {
  /** Entries posted and not yet credited. */
  inFlight = 0;
  /** No credit came back for STALL_AFTER_MS while slowing: the link no longer slows its node. */
  stalled = false;
  /** When the link last got credit or started slowing (true time, ms). */
  lastProgress = 0;
  /** Entries of each posted batch not yet credited, oldest first. */
  private readonly posted = new HeadQueue<number>();
  private readonly waiting: HeadQueue<WaitingEntry>;

  /** Entries in flight at most. */
  readonly limit: number;
  /** Entries that may wait past the window. */
  readonly capacity: number;

  constructor(limit: number, capacity: number) {
    this.limit = limit;
    this.capacity = capacity;
    this.waiting = new HeadQueue<WaitingEntry>(capacity);
  }

  /** Entries waiting for room. */
  get waitingCount(): number {
    return this.waiting.length;
  }

  /** True when one more entry must wait, `inBatch` being already in the batch being built. */
  mustWait(inBatch: number): boolean {
    return this.waiting.length > 0 || this.inFlight + inBatch >= this.limit;
  }

  /** True when the link should slow its node: half the window used, or entries waiting (and not stalled). */
  isSlowing(inBatch: number): boolean {
    return !this.stalled && (this.waiting.length > 0 || 2 * (this.inFlight + inBatch) >= this.limit);
  }

  /** Queues an entry past the window; false (nothing queued) when the queue is full. */
  hold(entry: WaitingEntry): boolean {
    return this.waiting.offer(entry);
  }

  /** The next waiting entry if it fits beside `inBatch` entries, taken off the queue. */
  takeFitting(inBatch: number): WaitingEntry | undefined {
    if (this.inFlight + inBatch >= this.limit) return undefined;
    return this.waiting.shift();
  }

  /** Records a posted batch of `entries` (0 for raw bytes a test posts: the receiver credits it all the same). */
  sent(entries: number): void {
    this.inFlight += entries;
    this.posted.push(entries);
  }

  /** Takes the receiver's credit for its next `batches` batches; more than were posted is ignored (untrusted input). Returns their entries. */
  credit(batches: number, now: number): number {
    let entries = 0;
    for (let n = Math.min(batches, this.posted.length); n > 0; n--) entries += this.posted.shift() as number;
    this.inFlight -= entries;
    this.stalled = false;
    this.lastProgress = now;
    return entries;
  }

  /** Empties the queue (the link closed); returns how many entries it held. */
  clear(): number {
    return this.waiting.clear();
  }
}

/**
 * The receiver's side: credit owed to one sender for batches taken off the wire, returned once it
 * amounts to a quarter of the window or 32 batches, or after CREDIT_IDLE_MS, so a quiet link costs
 * no extra message per batch and a busy one gets its window back long before it runs out.
 */
export class CreditOwed {
  batches = 0;
  entries = 0;

  /** True when the owed credit should be returned now. */
  due(limit: number): boolean {
    return this.entries * 4 >= limit || this.batches >= 32;
  }

  take(): number {
    const n = this.batches;
    this.batches = 0;
    this.entries = 0;
    return n;
  }
}

/** Longest owed credit waits before it is returned anyway (ms). */
export const CREDIT_IDLE_MS = 5;
