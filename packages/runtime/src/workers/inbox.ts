import { DecodeError, errorText, type Envelope, type NodeId } from '@faultline/core';
import { decodeEnvelope, forEachFrame, isEnvelopeBatch, readEnvelopeBatch, type BatchVisitor } from '@faultline/transport';
import type { WireStats } from './mesh.ts';
import type { Mailbox } from './mailbox.ts';

/** What an inbox needs: whose it is, the counters it keeps, and where envelopes and bad input go. */
export interface InboxWiring {
  readonly self: NodeId;
  readonly stats: WireStats;
  /** Where decoded envelopes wait for the node (drained in slices). */
  readonly mailbox: Mailbox;
  readonly malformed: (error: DecodeError, bytes: number) => void;
}

/**
 * The receiving side of a node's wire: decodes arriving batches — envelope batches, or plain frame
 * lists (what tests inject) — and hands each envelope addressed to this node on, in order. A frame or
 * batch that cannot be decoded, or names another node, is counted and reported, never fatal.
 */
export class Inbox {
  private readonly w: InboxWiring;

  constructor(wiring: InboxWiring) {
    this.w = wiring;
  }

  /** Takes one batch off a port. */
  receive(data: unknown): void {
    if (!(data instanceof Uint8Array)) {
      return this.reject(new DecodeError(`a batch must be bytes, got ${data === null ? 'null' : typeof data}`), 0);
    }
    this.w.stats.batchesIn++;
    if (isEnvelopeBatch(data)) readEnvelopeBatch(data, this.visitor);
    else forEachFrame(data, this.frame, (error) => this.reject(error, data.length));
    this.w.mailbox.drain();
  }

  /** Decodes same-node frames and hands them on. */
  local(frames: readonly Uint8Array[]): void {
    for (const bytes of frames) this.frame(bytes, 0, bytes.length);
    this.w.mailbox.drain();
  }

  /** Decodes one frame, the bytes [start, end) of `batch`, and hands it on. */
  readonly frame = (batch: Uint8Array, start: number, end: number): void => {
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(batch, start, end);
    } catch (error) {
      return this.reject(error instanceof DecodeError ? error : new DecodeError(errorText(error)), end - start);
    }
    this.accept(envelope, end - start);
  };

  private readonly visitor: BatchVisitor = {
    envelope: (envelope) => this.accept(envelope, 0),
    frame: this.frame,
    error: (error, bytes) => this.reject(error, bytes),
  };

  private accept(envelope: Envelope, bytes: number): void {
    if (envelope.to.node !== this.w.self) {
      return this.reject(new DecodeError(`frame addressed to node ${envelope.to.node} arrived at ${this.w.self}`), bytes);
    }
    this.w.stats.delivered++;
    this.w.mailbox.push(envelope);
  }

  private reject(error: DecodeError, bytes: number): void {
    this.w.stats.malformed++;
    this.w.malformed(error, bytes);
  }
}
