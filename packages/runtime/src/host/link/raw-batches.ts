import { HeadQueue } from '@faultline/core';
import { isEnvelopeBatch, receiveUnit } from '@faultline/transport';

/** Bytes of undecoded batches a worker's mailbox queues before it drops newer ones (64 MiB). */
export const DEFAULT_MAILBOX_BYTES = 64 * 1024 * 1024;

/** One batch as it came off a link, waiting to be decoded. */
export interface RawBatch {
  readonly bytes: Uint8Array;
  /** Envelopes of it the mailbox counts as waiting (its claimed entries that fit, or 1 for a frame list). */
  readonly keep: number;
  /** Envelopes of it that may be pushed once decoded (the rest were counted as dropped on arrival). */
  readonly limit: number;
  /** The link it came on, credited once it is decoded (absent: a link without flow control). */
  readonly origin: BatchOrigin | undefined;
  /** Entries its header claims (1 for a frame list): the credit it is worth. */
  readonly claimed: number;
}

/** The sending end a batch came from, as the mailbox knows it: whom to credit and to count a drop against. */
export interface BatchOrigin {
  readonly peer: string;
}

/**
 * A FIFO of undecoded batches, bounded by their total bytes. Arrival only queues (cheap); decoding
 * happens in the mailbox's drain slices, so a flood cannot hold the event loop in the port's
 * message handler.
 */
export class RawBatches {
  private readonly items = new HeadQueue<RawBatch>();
  /** Total bytes queued. */
  bytes = 0;
  /** Envelopes admitted from the queued batches (the sum of their `keep`). */
  admitted = 0;

  get length(): number {
    return this.items.length;
  }

  push(batch: RawBatch): void {
    this.items.push(batch);
    this.bytes += batch.bytes.length;
    this.admitted += batch.keep;
  }

  shift(): RawBatch | undefined {
    const batch = this.items.shift();
    if (batch === undefined) return undefined;
    this.bytes -= batch.bytes.length;
    this.admitted -= batch.keep;
    return batch;
  }

  clear(): void {
    this.items.clear();
    this.bytes = 0;
    this.admitted = 0;
  }
}

/**
 * How many envelopes an arriving batch claims, read from its header without decoding (a sealed one
 * is unwrapped unchecked); undefined for a plain frame list or anything unreadable. Only an
 * estimate for admission: the batch is checked in full when decoded.
 */
export function claimedEntries(bytes: Uint8Array, self: string): number | undefined {
  const unit = receiveUnit(undefined, bytes, self);
  const body = unit.ok ? unit.body : bytes;
  if (!isEnvelopeBatch(body) || body.length < 8) return undefined;
  // Every entry takes bytes: an untrusted header cannot claim more entries than the batch has bytes.
  return Math.min(new DataView(body.buffer, body.byteOffset + 4, 4).getUint32(0, true), body.length);
}
