import type { Envelope } from '@faultline/core';

/** Envelopes a worker node queues before it drops newer ones. */
export const DEFAULT_MAILBOX_CAPACITY = 100_000;
/** Longest a worker hands envelopes to its actors before it yields to the event loop (ms). */
const SLICE_MS = 5;

/** What a mailbox needs: where envelopes go, and whom to tell of an overflow. */
export interface MailboxWiring {
  readonly capacity: number;
  readonly deliver: (envelope: Envelope) => void;
  /** Once per overflow (again only after the queue drained below half); `dropped` is the total so far. */
  readonly overflow: (dropped: number) => void;
}

/**
 * A worker node's inbound queue: arriving envelopes wait here in order and are handed to the node in
 * slices of at most 5 ms, each followed by a turn of the event loop, so the control plane (snapshots,
 * pause, heartbeats), timers and reports stay responsive while a flood drains. Bounded: past
 * `capacity` envelopes, newer ones are dropped (tail drop, as a full socket buffer does) and counted.
 */
export class Mailbox {
  private readonly w: MailboxWiring;
  private queue: (Envelope | undefined)[] = [];
  private head = 0;
  private scheduled: NodeJS.Immediate | undefined;
  private draining = false;
  private overflowing = false;
  /** Envelopes dropped because the mailbox was full. */
  dropped = 0;

  constructor(wiring: MailboxWiring) {
    this.w = wiring;
  }

  /** Envelopes waiting. */
  get size(): number {
    return this.queue.length - this.head;
  }

  /** Queues an envelope, or drops it when full. */
  push(envelope: Envelope): void {
    if (this.size >= this.w.capacity) {
      this.dropped++;
      if (!this.overflowing) {
        this.overflowing = true;
        this.w.overflow(this.dropped);
      }
      return;
    }
    this.queue.push(envelope);
  }

  /** Hands queued envelopes on for up to one slice; schedules the rest for a later turn. */
  readonly drain = (): void => {
    this.scheduled = undefined;
    if (this.draining) return;
    this.draining = true;
    const until = performance.now() + SLICE_MS;
    let n = 0;
    try {
      while (this.head < this.queue.length) {
        const envelope = this.queue[this.head] as Envelope;
        this.queue[this.head++] = undefined;
        this.w.deliver(envelope);
        if ((++n & 31) === 0 && performance.now() >= until) break;
      }
    } finally {
      this.draining = false;
      this.compact();
      if (this.size < this.w.capacity / 2) this.overflowing = false;
      if (this.size > 0 && this.scheduled === undefined) this.scheduled = setImmediate(this.drain);
    }
  };

  /** Drops everything queued (the node is closing). */
  close(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    this.queue = [];
    this.head = 0;
  }

  private compact(): void {
    if (this.head === this.queue.length) {
      this.queue = [];
      this.head = 0;
    } else if (this.head > 4096 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }
}
