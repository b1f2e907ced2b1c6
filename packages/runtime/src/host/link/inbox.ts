import { DecodeError, errorText, type Envelope, type FrameRejectReason, type NodeId } from '@faultline/core';
import { decodeEnvelope, forEachFrame, isEnvelopeBatch, readEnvelopeBatch, receiveUnit, type BatchVisitor, type FrameAuth } from '@faultline/transport';
import type { WireStats } from './mesh.ts';
import type { Mailbox } from './mailbox.ts';
import type { BatchOrigin } from './raw-batches.ts';

/** What an inbox needs: whose it is, the counters it keeps, and where envelopes and bad input go. */
export interface InboxWiring {
  readonly self: NodeId;
  readonly stats: WireStats;
  /** Counts one envelope delivered from `from` (per-link stats). */
  readonly received: (from: string) => void;
  /** Where decoded envelopes wait for the node (drained in slices). */
  readonly mailbox: Mailbox;
  readonly malformed: (error: DecodeError, bytes: number) => void;
  /** Frame auth; when set, a batch must be sealed by a member with the right MAC before anything in it is decoded. */
  readonly auth: FrameAuth | undefined;
  /** Reports a batch or frame frame auth refused (already counted). */
  readonly rejected: (reason: FrameRejectReason, from: string | undefined, detail: string, bytes: number) => void;
}

/**
 * The receiving side of a node's wire: queues arriving batches in the mailbox, undecoded, and decodes
 * them from its drain slices — envelope batches, or plain frame lists (what tests inject) — handing
 * each envelope addressed to this node on, in order. A frame or
 * batch that cannot be decoded, or names another node, is counted and reported, never fatal.
 */
export class Inbox {
  private readonly w: InboxWiring;
  /** The authenticated sender of the batch being read (auth on); its envelopes must all be from it. */
  private sealedBy: string | undefined;

  constructor(wiring: InboxWiring) {
    this.w = wiring;
  }

  /** Takes one batch off a port (or any other link) and queues it in the mailbox, undecoded: arrival stays cheap. `origin`: the link it came on, to credit. */
  receive(data: unknown, origin?: BatchOrigin): void {
    if (!(data instanceof Uint8Array)) {
      return this.reject(new DecodeError(`a batch must be bytes, got ${data === null ? 'null' : typeof data}`), 0);
    }
    this.w.stats.batchesIn++;
    this.w.mailbox.pushBatch(data, origin);
  }

  /** Decodes one queued batch (from a mailbox drain slice): frame auth first, when on, then its envelopes. */
  readonly decode = (data: Uint8Array): void => {
    const received = receiveUnit(this.w.auth, data, this.w.self);
    if (!received.ok) {
      this.w.stats.rejected++;
      return this.w.rejected(received.reason, received.from, received.detail, data.length);
    }
    const body = received.body;
    this.sealedBy = received.from;
    try {
      if (isEnvelopeBatch(body)) readEnvelopeBatch(body, this.visitor);
      else forEachFrame(body, this.frame, (error) => this.reject(error, body.length));
    } finally {
      this.sealedBy = undefined;
    }
  };

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
    entryError: (error, bytes) => this.reject(error, bytes),
  };

  private accept(envelope: Envelope, bytes: number): void {
    const sealedBy = this.sealedBy;
    if (sealedBy !== undefined && envelope.from.node !== sealedBy) {
      this.w.stats.rejected++;
      return this.w.rejected('sender-mismatch', sealedBy, `sealed by '${sealedBy}' but claims to be from '${envelope.from.node}'`, bytes);
    }
    if (envelope.to.node !== this.w.self) {
      return this.reject(new DecodeError(`frame addressed to node ${envelope.to.node} arrived at ${this.w.self}`), bytes);
    }
    if (!this.w.mailbox.push(envelope)) return; // dropped: counted by the mailbox
    this.w.stats.delivered++;
    this.w.received(envelope.from.node);
  }

  private reject(error: DecodeError, bytes: number): void {
    this.w.stats.malformed++;
    this.w.malformed(error, bytes);
  }
}
