import { HeadQueue, type Envelope } from '@faultline/core';
import { claimedEntries, DEFAULT_MAILBOX_BYTES, RawBatches, type BatchOrigin } from './raw-batches.ts';

/** Envelopes a worker node queues before it drops newer ones. */
export const DEFAULT_MAILBOX_CAPACITY = 100_000;
/** Longest a worker hands envelopes to its actors before it yields to the event loop (ms). */
const SLICE_MS = 5;

/** What a mailbox needs: where envelopes go, how batches are decoded, and whom to tell of an overflow. */
export interface MailboxWiring {
  readonly capacity: number;
  /** Bytes of undecoded batches it queues (default 64 MiB); one batch is always taken when none waits. */
  readonly maxBatchBytes?: number;
  /** Whose mailbox it is (to read sealed batch headers). */
  readonly self: string;
  readonly deliver: (envelope: Envelope) => void;
  /** Decodes one queued batch, pushing its envelopes (called from a drain slice). */
  readonly decode: (bytes: Uint8Array) => void;
  /** Once per overflow (again only after the queue drained below half); `dropped` is the total so far. */
  readonly overflow: (dropped: number) => void;
  /** Counts `n` envelopes from `peer` dropped because the mailbox was full (undefined: a batch of unknown origin). */
  readonly lost?: (peer: string | undefined, n: number) => void;
  /** A batch from `origin` is off the wire (decoded, or dropped whole): its sender may have the credit back. */
  readonly consumed?: (origin: BatchOrigin, claimed: number) => void;
  /** A drain slice ended (owed credit may be returned now). */
  readonly sliceEnded?: () => void;
}

/**
 * A worker node's inbound queue: arriving batches wait here undecoded, in order, and are decoded and
 * their envelopes handed to the node in slices of about 5 ms (a batch is decoded whole: at most 1 MiB),
 * each followed by a turn of the event loop, so the control plane (snapshots, pause, heartbeats),
 * timers and reports stay responsive while a flood arrives and drains. Bounded: past `capacity`
 * envelopes (decoded, or claimed by a queued batch's header) or `maxBatchBytes` of queued batches,
 * newer ones are dropped (tail drop, as a full socket buffer does) and counted. Senders on links with
 * flow control never fill it (their windows together fit in `capacity`: see send-window.ts); while the
 * node's own sends are over their windows (`slowed`) it decodes and delivers nothing.
 */
export class Mailbox {
  private readonly w: MailboxWiring;
  private readonly queue = new HeadQueue<Envelope>();
  private scheduled: NodeJS.Immediate | undefined;
  private draining = false;
  private overflowing = false;
  private readonly batches = new RawBatches();
  private readonly maxBatchBytes: number;
  /** Envelopes the batch being decoded may still push (the rest were counted as dropped on arrival). */
  private keep = Infinity;
  /** When the current (or last) drain slice ends. */
  private sliceEnd = -Infinity;
  /** Envelopes dropped because the mailbox was full. */
  dropped = 0;
  /** Set while the node's outbound links are over their flow-control windows: nothing is decoded or delivered. */
  slowed = false;

  constructor(wiring: MailboxWiring) {
    this.w = wiring;
    this.maxBatchBytes = wiring.maxBatchBytes ?? DEFAULT_MAILBOX_BYTES;
  }

  /** Envelopes waiting: decoded ones, and those admitted from batches not decoded yet. */
  get size(): number {
    return this.queue.length + this.batches.admitted;
  }

  /**
   * Queues a batch as it arrived, undecoded, and drains (see `drain`): a batch is decoded only in a slice.
   * Admits as many of the envelopes its header claims as there is room for; a batch with no room,
   * or past the byte bound, is dropped whole (its claimed envelopes counted).
   */
  pushBatch(bytes: Uint8Array, origin?: BatchOrigin): void {
    const claimed = claimedEntries(bytes, this.w.self);
    const room = Math.max(0, this.w.capacity - this.size);
    const overBytes = this.batches.length > 0 && this.batches.bytes + bytes.length > this.maxBatchBytes;
    if (overBytes || room === 0) {
      this.drop(claimed ?? 1, origin?.peer);
      if (origin !== undefined) this.w.consumed?.(origin, claimed ?? 1);
      return;
    }
    // A frame list (no header) is admitted as one; its frames meet the capacity check as they are pushed.
    const keep = claimed === undefined ? 1 : Math.min(claimed, room);
    if (claimed !== undefined && claimed > keep) this.drop(claimed - keep, origin?.peer);
    this.batches.push({ bytes, keep, limit: claimed === undefined ? Infinity : keep, origin, claimed: claimed ?? 1 });
    this.drain();
  }

  /** Queues an envelope, or drops it when full; false when it was not queued (counted as dropped here or on arrival). */
  push(envelope: Envelope): boolean {
    if (this.keep <= 0) return false; // dropped (and counted) when its batch arrived
    this.keep--;
    if (this.size >= this.w.capacity) {
      this.drop(1, envelope.from.node);
      return false;
    }
    this.queue.push(envelope);
    return true;
  }

  private drop(n: number, peer: string | undefined): void {
    this.w.lost?.(peer, n);
    this.dropped += n;
    if (!this.overflowing) {
      this.overflowing = true;
      this.w.overflow(this.dropped);
    }
  }

  /** Decodes the next queued batch; false when none waits. */
  private decodeNext(): boolean {
    const batch = this.batches.shift();
    if (batch === undefined) return false;
    this.keep = batch.limit;
    try {
      this.w.decode(batch.bytes);
    } finally {
      this.keep = Infinity;
      if (batch.origin !== undefined) this.w.consumed?.(batch.origin, batch.claimed);
    }
    return true;
  }

  /**
   * Starts a drain slice now, when the last one has time left or ended long enough ago (a lone
   * arrival is handled in its own turn), or else in a later turn: however many batches Node hands
   * over in one go, the work done at once stays within about one slice.
   */
  readonly drain = (): void => {
    if (this.scheduled !== undefined || this.draining || this.slowed) return;
    const now = performance.now();
    if (now < this.sliceEnd) return this.drainUntil(this.sliceEnd);
    if (now >= this.sliceEnd + SLICE_MS) return this.drainUntil(now + SLICE_MS);
    this.scheduled = setImmediate(this.drainLater);
  };

  private readonly drainLater = (): void => {
    this.scheduled = undefined;
    if (this.slowed) return;
    this.drainUntil(performance.now() + SLICE_MS);
  };

  /**
   * Hands queued envelopes on until `until`, decoding the next queued batch whenever the decoded
   * ones run out; schedules the rest for a later turn.
   */
  private drainUntil(until: number): void {
    if (this.draining) return;
    this.draining = true;
    this.sliceEnd = until;
    let n = 0;
    try {
      for (;;) {
        if (this.slowed) break;
        const envelope = this.queue.shift();
        if (envelope === undefined) {
          if (!this.decodeNext()) break;
          if (performance.now() >= until) break;
          continue;
        }
        this.w.deliver(envelope);
        if ((++n & 31) === 0 && performance.now() >= until) break;
      }
    } finally {
      this.draining = false;
      if (this.size < this.w.capacity / 2 && this.batches.bytes < this.maxBatchBytes / 2) this.overflowing = false;
      const more = this.queue.length > 0 || this.batches.length > 0;
      if (more && !this.slowed && this.scheduled === undefined) this.scheduled = setImmediate(this.drainLater);
      this.w.sliceEnded?.();
    }
  }

  /** Drops everything queued (the node is closing). */
  close(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.queue.clear();
    this.batches.clear();
  }
}
