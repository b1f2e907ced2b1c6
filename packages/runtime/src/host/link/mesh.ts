import { MessagePort } from 'node:worker_threads';
import { address, EncodeError, errorText, type DecodeError, type Envelope, type FrameRejectReason, type NodeId } from '@faultline/core';
import { cloneEncodable, cloneEnvelope, encodeEnvelope, EnvelopeBatch, type FrameAuth, type LinkLayer, type RejectedEntry } from '@faultline/transport';
import { countDrop, LinkTally, type MessageCounts } from '../../stats/message-stats.ts';
import { DelayLine } from './delay-line.ts';
import { FlowControl, type FlowLink } from './flow-control.ts';
import { Inbox } from './inbox.ts';
import { DEFAULT_MAILBOX_CAPACITY, Mailbox } from './mailbox.ts';
import { LazyPacket } from './lazy-packet.ts';
import { LossReport, type LossCount } from './loss-report.ts';
import { CreditOwed, DEFAULT_SEND_QUEUE_CAPACITY, SendWindow } from './send-window.ts';

/** Counters of one node's side of the wire. */
export interface WireStats {
  /** Envelopes accepted for the wire (checked as encodable; local ones included). */
  sent: number;
  /** Frames decoded and handed to the node. */
  delivered: number;
  /** Frames dropped at this sender: by the network model, or because the destination was down. */
  dropped: number;
  /** Frames (or whole batches) that arrived here and could not be decoded. */
  malformed: number;
  /** Batches (or frames) that arrived here and frame auth refused (bad or missing MAC, unknown sender). */
  rejected: number;
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
  /** Envelopes the node's mailbox holds before it drops newer ones (default 100,000). */
  readonly mailboxCapacity?: number;
  /** Reports a mailbox overflow (once per overflow; `dropped` is the total so far). */
  readonly overflow?: (dropped: number, capacity: number) => void;
  /** Nodes that may send to this one (the driver included): the mailbox is shared out among them as flow-control windows. */
  readonly peers?: number;
  /** Entries a link holds past its window before it drops newer ones (default 100,000). */
  readonly sendQueueCapacity?: number;
  /** Reports a link's send queue overflowing (once per overflow; `dropped` is the link's total so far). */
  readonly sendOverflow?: (peer: NodeId, dropped: number, capacity: number) => void;
  /** Reports a message left out of its batch because msgpack refused it (already counted as dropped). */
  readonly unencodable?: (entry: RejectedEntry) => void;
  /** Frame auth: seals every batch this node sends and checks every batch it receives. Off when absent. */
  readonly auth?: FrameAuth;
  /** Reports a batch frame auth refused (already counted in `rejected`). */
  readonly rejected?: (reason: FrameRejectReason, from: string | undefined, detail: string, bytes: number) => void;
  /** Reports drops on this node's links, coalesced per link and reason (see LossReport): never one call per message. */
  readonly lost?: (loss: LossCount) => void;
}

/** Batches at least this big are transferred rather than copied into the receiving thread. */
const TRANSFER_FROM_BYTES = 8192;

/**
 * One node's end of a link to a peer: what the mesh needs of a MessagePort. Other runtimes (NATS)
 * provide their own: `postMessage` sends one batch, 'message' delivers one, 'close' ends the link.
 */
export interface PeerPort {
  postMessage(batch: Uint8Array, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (data: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  close(): void;
  /**
   * Present on a port with flow control of its own (NATS): returns credit for `batches` batches taken
   * off the wire; the port then emits 'message' with a number, the batches credited back by the peer.
   */
  returnCredit?(batches: number): void;
  /** With `returnCredit`: hears of batches this node posted that were lost in transit (counted `lost-in-transit`). */
  lost?(listener: (batches: number) => void): void;
}

interface Link extends FlowLink {
  readonly peer: NodeId;
  readonly port: PeerPort;
  readonly batch: EnvelopeBatch;
  /** Frames sent on the network model's pass-through path since the last report to it. */
  passed: number;
  /** Entries its send queue dropped, and whether it is overflowing now (reported once per overflow). */
  queueDropped: number;
  overflowing: boolean;
}

/**
 * One node's end of the full mesh: a MessagePort per peer. Every envelope is checked at send (so an
 * unencodable one throws there) and its payload snapshotted (so later changes by the sender cannot
 * reach the receiver); remote envelopes pass the network model (which sees lazily encoded bytes), are
 * appended to their peer's EnvelopeBatch, and each batch is encoded and posted once when the current
 * job ends. Same-node frames are encoded at once, skip the ports and the network model, and arrive in
 * a later turn. Arriving batches and frames are decoded by the node's Inbox.
 */
export class Mesh {
  readonly stats: WireStats = { sent: 0, delivered: 0, dropped: 0, malformed: 0, rejected: 0, batchesOut: 0, batchesIn: 0 };
  /** Per directed link: what this node sent and dropped, and what it received. */
  readonly tally = new LinkTally();
  private readonly out: (peer: string) => MessageCounts;
  private readonly into: (peer: string) => MessageCounts;
  private readonly w: MeshWiring;
  private readonly link: LinkLayer | undefined;
  private readonly links = new Map<NodeId, Link>();
  private dirty: Link[] = [];
  private local: Uint8Array[] = [];
  private flushQueued = false;
  private localTurn: NodeJS.Immediate | undefined;
  private readonly delayed: DelayLine;
  private readonly inbox: Inbox;
  /** The node's inbound queue (bounded, drained in slices). */
  readonly mailbox: Mailbox;
  private readonly flow: FlowControl;
  private readonly queueCapacity: number;
  private readonly losses: LossReport | undefined;
  private closed = false;

  constructor(wiring: MeshWiring) {
    this.w = wiring;
    this.link = wiring.link;
    this.delayed = new DelayLine(wiring.now);
    this.out = this.tally.side(wiring.self);
    const into = this.tally.side(wiring.self, true);
    this.into = into;
    const capacity = wiring.mailboxCapacity ?? DEFAULT_MAILBOX_CAPACITY;
    this.queueCapacity = wiring.sendQueueCapacity ?? DEFAULT_SEND_QUEUE_CAPACITY;
    this.losses = wiring.lost === undefined ? undefined : new LossReport(wiring.lost);
    this.mailbox = new Mailbox({
      capacity, self: wiring.self, deliver: wiring.deliver, decode: (bytes) => this.inbox.decode(bytes), overflow: (dropped) => wiring.overflow?.(dropped, capacity),
      lost: (peer, n) => this.dropIn(peer ?? '?', 'mailbox-full', n),
      consumed: (origin, claimed) => this.flow.owe(origin as Link, claimed),
      sliceEnded: () => this.flow.returnDue(),
    });
    // Every sender's window together fits in the mailbox, with a share left for same-node frames.
    const window = Math.max(64, Math.floor(capacity / ((wiring.peers ?? 1) + 1)));
    this.flow = new FlowControl(this.mailbox, wiring.now, window, () => this.links.values());
    this.inbox = new Inbox({
      self: wiring.self, stats: this.stats, received: (from) => into(from).delivered++, mailbox: this.mailbox, malformed: wiring.malformed, auth: wiring.auth,
      rejected: wiring.rejected ?? (() => {}),
    });
  }

  /**
   * Uses `port` for traffic with `peer` from now on (a restarted peer gets a new channel). A
   * MessagePort link has flow control (both ends are meshes: credit comes back on the same port), and
   * so has a port that returns credit itself (NATS: `returnCredit`); any other link has none, and its
   * receiver's mailbox drops past its bound.
   */
  connect(peer: NodeId, port: PeerPort | MessagePort): void {
    this.disconnect(peer);
    const own = port instanceof MessagePort ? undefined : port.returnCredit?.bind(port);
    const flow = port instanceof MessagePort || own !== undefined;
    const batch = new EnvelopeBatch();
    const link: Link = {
      peer, port: port as PeerPort, batch, open: true, passed: 0, slow: false, queueDropped: 0, overflowing: false,
      window: flow ? new SendWindow(this.flow.limit, this.queueCapacity) : undefined,
      owed: new CreditOwed(),
      returnCredit: port instanceof MessagePort ? (n) => port.postMessage(n) : own,
      inBatch: () => batch.count,
    };
    this.links.set(peer, link);
    if (!(port instanceof MessagePort)) port.lost?.((batches) => this.lostInTransit(link, batches));
    port.on('message', (data: unknown) => {
      if (this.closed) return;
      if (typeof data === 'number' && link.window !== undefined) return this.credited(link, data);
      this.inbox.receive(data, link);
    });
    port.on('close', () => this.release(link));
  }

  /** Takes credit from a peer: refills the batch from the link's queue and may stop slowing the node. */
  private credited(link: Link, batches: number): void {
    const w = link.window as SendWindow;
    // Credit is untrusted input too: anything but a positive whole number is ignored.
    if (!Number.isSafeInteger(batches) || batches <= 0) return;
    w.credit(batches, this.w.now());
    this.refill(link);
  }

  /** Batches of `link` lost in transit (a NATS port found a gap): their envelopes are dropped, counted, and their room in the window given back. */
  private lostInTransit(link: Link, batches: number): void {
    const w = link.window;
    if (w === undefined || this.closed || !Number.isSafeInteger(batches) || batches <= 0) return;
    const lost = w.credit(batches, this.w.now());
    if (lost > 0) {
      this.stats.dropped += lost;
      this.dropOut(link.peer, 'lost-in-transit', lost);
    }
    this.refill(link);
  }

  /** Moves waiting entries into the batch while the window has room, and re-evaluates whether the link slows the node. */
  private refill(link: Link): void {
    const w = link.window as SendWindow;
    for (let entry = w.takeFitting(link.batch.count); entry !== undefined; entry = w.takeFitting(link.batch.count)) {
      this.prepare(link);
      try {
        if (entry instanceof Uint8Array) link.batch.appendFrame(entry);
        else link.batch.append(entry, entry.payload);
      } catch {
        this.stats.dropped++;
        this.dropOut(link.peer, 'unencodable');
      }
    }
    if (link.overflowing && w.waitingCount < w.capacity / 2) link.overflowing = false;
    this.flow.update(link);
  }

  /** A link closed: what waits on it is lost, and it no longer slows the node. */
  private release(link: Link): void {
    link.open = false;
    if (this.links.get(link.peer) === link) this.links.delete(link.peer);
    const lost = link.window?.clear() ?? 0;
    if (lost > 0) {
      this.stats.dropped += lost;
      this.dropOut(link.peer, 'node-down', lost);
    }
    this.flow.update(link);
  }

  /** Takes one batch that arrived for this node by some other way than a peer's port (one subscription for all peers, say). */
  receive(data: unknown): void {
    if (!this.closed) this.inbox.receive(data);
  }

  /** Closes the channel to `peer`; frames to it are dropped until it connects again. */
  disconnect(peer: NodeId): void {
    const old = this.links.get(peer);
    if (!old) return;
    this.release(old);
    old.port.close();
  }

  /** Sends one envelope. Throws EncodeError synchronously for an unencodable payload or name. */
  transmit(envelope: Envelope): void {
    const to = envelope.to.node;
    if (to === this.w.self) {
      const bytes = encodeEnvelope(envelope);
      this.stats.sent++;
      this.out(to).sent++;
      this.local.push(bytes);
      this.scheduleLocal();
      return;
    }
    // An idle network model (no rules, no partitions, zero latency) is skipped, unless frames it
    // delayed are still in flight: they must not be overtaken. Counts are reported per batch.
    const model = this.link;
    const idle = model !== undefined && this.delayed.size === 0 && model.passThrough?.() === true;
    if (model !== undefined && !idle) return this.route(model, new LazyPacket(this.w.self, envelope));
    const payload = cloneEncodable(envelope.payload);
    const link = this.links.get(to);
    if (link === undefined) {
      cloneEnvelope(envelope); // checks the names, as appending would
      this.stats.sent++;
      this.stats.dropped++;
      this.out(to).sent++;
      this.dropOut(to, 'node-down');
      return;
    }
    this.append(link, envelope, payload);
    if (idle) link.passed++;
    this.stats.sent++;
    this.out(to).sent++;
  }

  /** Counts an envelope the node took from `from` and then dropped (a paused node's full hold): dropped, not delivered. */
  droppedAfterDelivery(from: string, reason: string): void {
    this.stats.delivered--;
    this.stats.dropped++;
    this.into(from).delivered--;
    this.dropIn(from, reason);
  }

  /** Posts raw bytes to a peer as one batch, bypassing encoding: for tests of malformed input. */
  postRaw(peer: NodeId, batch: Uint8Array): boolean {
    const link = this.links.get(peer);
    if (!link?.open) return false;
    link.port.postMessage(batch.slice());
    link.window?.sent(0); // credited like any batch
    return true;
  }

  /** Closes every port and cancels pending flushes and delayed frames. */
  close(): void {
    this.closed = true;
    for (const peer of [...this.links.keys()]) this.disconnect(peer);
    this.flow.close();
    if (this.localTurn) clearImmediate(this.localTurn);
    this.localTurn = undefined;
    this.delayed.close();
    this.mailbox.close();
    this.losses?.flush();
    this.local = [];
    this.dirty = [];
  }

  /** Asks the network model about a remote envelope and queues what it decides. */
  private route(model: LinkLayer, packet: LazyPacket): void {
    this.stats.sent++;
    const counts = this.out(packet.to);
    counts.sent++;
    const decision = model.route(packet, this.w.now());
    if (decision.deliveries.length === 0) {
      this.stats.dropped++;
      this.dropOut(packet.to, decision.dropReason ?? 'network');
      return;
    }
    // A frame a rule read (size, corruption) goes as those bytes, a raw frame in the batch; others as the envelope.
    const asSent = packet.encodedBytes ?? packet.envelope;
    for (const d of decision.deliveries) {
      const item = d.bytes ?? asSent;
      if (d.delayMs > 0) this.delayed.hold(d.delayMs, () => this.enqueue(packet.to, item));
      else this.enqueue(packet.to, item);
    }
  }

  /** Queues an envelope (a snapshot: see LazyPacket) or a raw frame for its peer. */
  private enqueue(to: NodeId, item: Envelope | Uint8Array): void {
    const link = this.links.get(to);
    if (link === undefined) {
      this.stats.dropped++;
      this.dropOut(to, 'node-down');
      return;
    }
    if (item instanceof Uint8Array) {
      if (link.window?.mustWait(link.batch.count)) return this.hold(link, item);
      this.prepare(link);
      link.batch.appendFrame(item);
      this.flow.update(link);
    } else {
      this.append(link, item, item.payload);
    }
  }

  /** Appends an envelope whose payload is the snapshot `payload`; throws EncodeError (appending nothing) for a bad name. */
  private append(link: Link, envelope: Envelope, payload: unknown): void {
    const w = link.window;
    // Past the window the envelope waits, as a snapshot whose names are checked now, as appending would.
    if (w !== undefined && w.mustWait(link.batch.count)) return this.hold(link, cloneEnvelope(envelope));
    this.prepare(link);
    link.batch.append(envelope, payload);
    if (w !== undefined && 2 * (w.inFlight + link.batch.count) >= w.limit) this.flow.update(link);
  }

  /** Queues an entry past the link's window, or drops it when the queue is full (reported once per overflow). */
  private hold(link: Link, entry: Envelope | Uint8Array): void {
    const w = link.window as SendWindow;
    if (w.hold(entry)) return this.flow.update(link);
    this.stats.dropped++;
    this.dropOut(link.peer, 'send-queue-full');
    link.queueDropped++;
    if (!link.overflowing) {
      link.overflowing = true;
      this.w.sendOverflow?.(link.peer, link.queueDropped, w.capacity);
    }
  }

  /** Readies a link's batch for one more entry: marks it for the flush, or posts it now if it is full. */
  private prepare(link: Link): void {
    if (link.batch.isFull) this.post(link);
    if (link.batch.count === 0) {
      this.dirty.push(link);
      this.scheduleFlush();
    }
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
    for (const link of dirty) this.post(link);
  };

  /** Encodes and posts a link's batch, if it has anything (a batch posted early by `prepare` may be empty). */
  private post(link: Link): void {
    if (link.batch.count === 0) return;
    if (!link.open) {
      const lost = link.batch.clear();
      this.stats.dropped += lost;
      this.dropOut(link.peer, 'node-down', lost);
      return;
    }
    const count = link.batch.count;
    if (link.passed > 0) {
      this.link?.countPassed?.(this.w.self, link.peer, link.passed);
      link.passed = 0;
    }
    let batch: Uint8Array;
    try {
      // A payload msgpack refuses (none that passed cloneEncodable at send) costs only itself, reported.
      batch = link.batch.take(this.onRejected);
      if (this.w.auth !== undefined) batch = this.w.auth.seal(this.w.self, link.peer, batch);
    } catch (error) {
      // Unreachable: the batch without its refused entries encodes. Never let it stop the node.
      this.stats.dropped += count;
      this.dropOut(link.peer, 'unencodable', count);
      const whole = new EncodeError(`a batch of ${count} to ${link.peer} could not be encoded: ${errorText(error)}`);
      this.w.unencodable?.({ from: address(this.w.self, '*'), to: address(link.peer, '*'), error: whole });
      return;
    }
    // Small batches are cheaper to copy than to transfer (detaching a buffer has a fixed cost).
    if (batch.byteLength < TRANSFER_FROM_BYTES) link.port.postMessage(batch);
    else link.port.postMessage(batch, [batch.buffer as ArrayBuffer]);
    link.window?.sent(count);
    this.stats.batchesOut++;
  }

  /** Counts `n` envelopes this node sent to `peer` as dropped for `reason`, and notes them for the loss report. */
  private dropOut(peer: string, reason: string, n = 1): void {
    countDrop(this.out(peer), reason, n);
    this.losses?.add(this.w.self, peer, reason, n);
  }

  /** Counts `n` envelopes from `peer` (`?`: unknown) to this node as dropped here for `reason`, and notes them for the loss report. */
  private dropIn(peer: string, reason: string, n = 1): void {
    countDrop(this.into(peer), reason, n);
    this.losses?.add(peer, this.w.self, reason, n);
  }

  private readonly onRejected = (entry: RejectedEntry): void => {
    this.stats.dropped++;
    this.dropOut(entry.to.node, 'unencodable');
    this.w.unencodable?.(entry);
  };

  private readonly deliverLocal = (): void => {
    this.localTurn = undefined;
    const local = this.local;
    this.local = [];
    this.inbox.local(local);
  };
}
