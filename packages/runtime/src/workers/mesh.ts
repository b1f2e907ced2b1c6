import type { MessagePort } from 'node:worker_threads';
import { DecodeError, errorText, type Envelope, type NodeId } from '@faultline/core';
import { decodeEnvelope, encodeEnvelope, FrameBatch, forEachFrame, type LinkLayer } from '@faultline/transport';
import { DelayLine } from './delay-line.ts';

/** Counters of one node's side of the wire. */
export interface WireStats {
  /** Envelopes encoded and handed to the wire (local ones included). */
  sent: number;
  /** Frames decoded and handed to the node. */
  delivered: number;
  /** Frames dropped at this sender: by the network model, or because the destination was down. */
  dropped: number;
  /** Frames (or whole batches) that arrived here and could not be decoded. */
  malformed: number;
  /** Batches posted to other nodes. */
  batchesOut: number;
  /** Batches received from other nodes. */
  batchesIn: number;
}

/** What a mesh needs from the node it serves. */
export interface MeshWiring {
  readonly self: NodeId;
  /** The network model applied to every remote frame at send; none = deliver at once. */
  readonly link: LinkLayer | undefined;
  /** True cluster time, for the network model. */
  readonly now: () => number;
  /** Hands a decoded envelope to the node. */
  readonly deliver: (envelope: Envelope) => void;
  /** Reports a frame or batch that could not be decoded (already counted). */
  readonly malformed: (error: DecodeError, bytes: number) => void;
}

/** Batches at least this big are transferred rather than copied into the receiving thread. */
const TRANSFER_FROM_BYTES = 8192;

interface Link {
  readonly peer: NodeId;
  readonly port: MessagePort;
  readonly batch: FrameBatch;
  open: boolean;
}

/**
 * One node's end of the full mesh: a MessagePort per peer. Every envelope is encoded at send (so an
 * unencodable one throws there); remote frames pass the network model, are appended to their
 * peer's batch, and each batch is posted once when the current job ends. Arriving batches are split
 * and decoded here; a bad frame is counted and reported, never fatal. Same-node frames skip the
 * ports and the network model, and arrive in a later turn.
 */
export class Mesh {
  readonly stats: WireStats = { sent: 0, delivered: 0, dropped: 0, malformed: 0, batchesOut: 0, batchesIn: 0 };
  private readonly w: MeshWiring;
  private readonly link: LinkLayer | undefined;
  private readonly links = new Map<NodeId, Link>();
  private dirty: Link[] = [];
  private local: Uint8Array[] = [];
  private flushQueued = false;
  private localTurn: NodeJS.Immediate | undefined;
  private readonly delayed: DelayLine;
  private closed = false;

  constructor(wiring: MeshWiring) {
    this.w = wiring;
    this.link = wiring.link;
    this.delayed = new DelayLine(wiring.now);
  }

  /** Uses `port` for traffic with `peer` from now on (a restarted peer gets a new channel). */
  connect(peer: NodeId, port: MessagePort): void {
    this.disconnect(peer);
    const link: Link = { peer, port, batch: new FrameBatch(), open: true };
    this.links.set(peer, link);
    port.on('message', (data: unknown) => this.receive(data));
    port.on('close', () => {
      link.open = false;
      if (this.links.get(peer) === link) this.links.delete(peer);
    });
  }

  /** Closes the channel to `peer`; frames to it are dropped until it connects again. */
  disconnect(peer: NodeId): void {
    const old = this.links.get(peer);
    if (!old) return;
    this.links.delete(peer);
    old.open = false;
    old.port.close();
  }

  /** Encodes and sends one envelope. Throws EncodeError synchronously for an unencodable payload. */
  transmit(envelope: Envelope): void {
    const bytes = encodeEnvelope(envelope);
    this.stats.sent++;
    const to = envelope.to.node;
    if (to === this.w.self) {
      this.local.push(bytes);
      this.scheduleLocal();
      return;
    }
    const link = this.link;
    if (link === undefined) return this.enqueue(to, bytes);
    const decision = link.route({ from: this.w.self, to, bytes }, this.w.now());
    if (decision.deliveries.length === 0) {
      this.stats.dropped++;
      return;
    }
    for (const d of decision.deliveries) {
      const out = d.bytes ?? bytes;
      if (d.delayMs > 0) this.delayed.hold(d.delayMs, () => this.enqueue(to, out));
      else this.enqueue(to, out);
    }
  }

  /** Posts raw bytes to a peer as one batch, bypassing encoding: for tests of malformed input. */
  postRaw(peer: NodeId, batch: Uint8Array): boolean {
    const link = this.links.get(peer);
    if (!link?.open) return false;
    link.port.postMessage(batch.slice());
    return true;
  }

  /** Closes every port and cancels pending flushes and delayed frames. */
  close(): void {
    this.closed = true;
    for (const peer of [...this.links.keys()]) this.disconnect(peer);
    if (this.localTurn) clearImmediate(this.localTurn);
    this.localTurn = undefined;
    this.delayed.close();
    this.local = [];
    this.dirty = [];
  }

  private enqueue(to: NodeId, bytes: Uint8Array): void {
    const link = this.links.get(to);
    if (link === undefined) {
      this.stats.dropped++;
      return;
    }
    if (link.batch.count === 0) this.dirty.push(link);
    link.batch.append(bytes);
    this.scheduleFlush();
  }

  /** Remote batches go out when the current job ends (a microtask): everything one handler sends is one batch. */
  private scheduleFlush(): void {
    if (this.flushQueued || this.closed) return;
    this.flushQueued = true;
    queueMicrotask(this.flush);
  }

  /** Same-node frames arrive in a later turn, as if through a wire with no delay (never in the sender's job). */
  private scheduleLocal(): void {
    if (this.localTurn === undefined && !this.closed) this.localTurn = setImmediate(this.deliverLocal);
  }

  /** Posts every pending batch: one postMessage per peer (small batches copied, large ones transferred). */
  private readonly flush = (): void => {
    this.flushQueued = false;
    if (this.closed) return;
    const dirty = this.dirty;
    this.dirty = [];
    for (const link of dirty) {
      const batch = link.batch.take();
      if (!link.open) {
        this.stats.dropped += countFrames(batch);
        continue;
      }
      // Small batches are cheaper to copy than to transfer (detaching a buffer has a fixed cost).
      if (batch.byteLength < TRANSFER_FROM_BYTES) link.port.postMessage(batch);
      else link.port.postMessage(batch, [batch.buffer as ArrayBuffer]);
      this.stats.batchesOut++;
    }
  };

  private readonly deliverLocal = (): void => {
    this.localTurn = undefined;
    const local = this.local;
    this.local = [];
    for (const bytes of local) this.arrive(bytes, 0, bytes.length);
  };

  private receive(data: unknown): void {
    if (this.closed) return;
    if (!(data instanceof Uint8Array)) {
      return this.reject(new DecodeError(`a batch must be bytes, got ${data === null ? 'null' : typeof data}`), 0);
    }
    this.stats.batchesIn++;
    forEachFrame(data, this.arrive, (error) => this.reject(error, data.length));
  }

  private readonly arrive = (batch: Uint8Array, start: number, end: number): void => {
    let envelope: Envelope;
    try {
      envelope = decodeEnvelope(batch, start, end);
    } catch (error) {
      return this.reject(error instanceof DecodeError ? error : new DecodeError(errorText(error)), end - start);
    }
    if (envelope.to.node !== this.w.self) {
      return this.reject(new DecodeError(`frame addressed to node ${envelope.to.node} arrived at ${this.w.self}`), end - start);
    }
    this.stats.delivered++;
    this.w.deliver(envelope);
  };

  private reject(error: DecodeError, bytes: number): void {
    this.stats.malformed++;
    this.w.malformed(error, bytes);
  }
}

function countFrames(batch: Uint8Array): number {
  let n = 0;
  forEachFrame(batch, () => n++, () => {});
  return n;
}
