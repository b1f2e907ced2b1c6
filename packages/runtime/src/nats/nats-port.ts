import type { NatsConnection } from '@nats-io/transport-node';
import { HeadQueue } from '@faultline/core';
import type { PeerPort } from '../host/link/mesh.ts';

/** A link with batches in flight and no credit for this long sends a probe, so a lost batch or a restarted receiver cannot hold its window for good (ms). */
export const PROBE_AFTER_MS = 1_000;
const PROBE_CHECK_MS = 250;

/** An entry of the receiver's credit queue: a batch the mesh has yet to take, or an acknowledgement sent as soon as it reaches the head (a gap or a probe). */
interface Due {
  readonly creditTo: string;
  readonly seq: number;
  readonly batch: boolean;
  /** For a gap: the seqs in (lostAfter, seq] never arrived. Equal to `seq` when none are lost. */
  readonly lostAfter: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const ACK = /^(\d{1,15}) (\d{1,15})$/;

/**
 * A mesh link to a peer over NATS, both directions, with the same credit-based flow control as a
 * worker's MessagePort (send-window.ts), carried by NATS itself. Each batch is one message on the
 * peer's data subject whose reply subject is this link's credit subject plus the batch's sequence
 * number. The receiver acknowledges cumulatively, on that credit subject, `S L`: every batch up to S
 * is settled, and those after L were never received (a gap in the sequence: lost in transit, when
 * the receiver restarted, its connection dropped or the server restarted). The port turns this into
 * the mesh's credit (batches taken) and losses (batches lost, counted `lost-in-transit`). A link
 * with batches in flight and no credit for PROBE_AFTER_MS sends a probe (an empty message with the
 * next sequence number), acknowledged once the receiver has credited everything before it: a
 * receiver that restarted or lost batches answers with the gap. Publishing while the server is
 * away is buffered by the client and flushed on reconnect: the network, as the fault layer sees
 * it, is the real one.
 */
export class NatsPeerPort implements PeerPort {
  private readonly nc: NatsConnection;
  private readonly subject: string;
  private readonly creditSubject: string;
  private onClose: (() => void) | undefined;
  private onMessage: ((data: unknown) => void) | undefined;
  private onLost: ((batches: number) => void) | undefined;
  private open = true;
  private readonly timer: NodeJS.Timeout;

  // The sending side: sequence numbers posted and settled, and which of the unsettled are batches (1) or probes (0).
  private seq = 0;
  private settled = 0;
  private readonly kinds = new HeadQueue<number>();
  private lastProgress = 0;

  // The receiving side: the sender incarnation's credit subject, the last sequence number seen from it, and what is due.
  private from: string | undefined;
  private lastSeen = 0;
  private readonly due = new HeadQueue<Due>();

  /** `creditSubject`: where this node hears credit for this link (its own incarnation's credit subject for the peer). */
  constructor(nc: NatsConnection, subject: string, creditSubject: string) {
    this.nc = nc;
    this.subject = subject;
    this.creditSubject = creditSubject;
    this.timer = setInterval(this.checkProbe, PROBE_CHECK_MS);
    this.timer.unref?.();
  }

  postMessage(batch: Uint8Array): void {
    // A batch that cannot be published still takes its number: the receiver sees the gap and the sender counts it lost.
    this.seq++;
    this.kinds.push(1);
    if (this.seq === this.settled + 1) this.lastProgress = performance.now();
    this.publish(this.subject, batch, `${this.creditSubject}.${this.seq}`);
  }

  on(event: 'message' | 'close', listener: (() => void) | ((data: unknown) => void)): this {
    if (event === 'close') this.onClose = listener as () => void;
    else this.onMessage = listener as (data: unknown) => void;
    return this;
  }

  /** Batches posted on this link that were lost in transit (the mesh counts their envelopes as dropped). */
  lost(listener: (batches: number) => void): void {
    this.onLost = listener;
  }

  /** Takes a batch from the peer: queues its credit, then hands it to the mesh (an empty one is a probe). */
  arrived(data: Uint8Array, creditTo: string, seq: number): void {
    if (!this.open) return;
    if (creditTo !== this.from) {
      // A new incarnation of the sender (or its first batch): its numbering starts afresh.
      this.from = creditTo;
      this.lastSeen = 0;
    }
    if (seq > this.lastSeen + 1) this.push({ creditTo, seq: seq - 1, batch: false, lostAfter: this.lastSeen });
    if (seq > this.lastSeen) this.lastSeen = seq;
    if (data.length === 0) {
      this.push({ creditTo, seq, batch: false, lostAfter: seq });
      return this.flushDue();
    }
    this.push({ creditTo, seq, batch: true, lostAfter: seq });
    this.flushDue();
    this.onMessage?.(data);
  }

  /** Returns credit for the next `batches` batches the mesh took off the wire (cumulative, with any gap or probe between). */
  returnCredit(batches: number): void {
    let pending: Due | undefined;
    for (let n = batches, d = this.due.peek(); d !== undefined; d = this.due.peek()) {
      if (d.batch) {
        if (n === 0) break;
        n--;
        if (pending !== undefined && pending.creditTo !== d.creditTo) this.ack(pending);
        pending = d;
      } else {
        if (pending !== undefined) this.ack(pending);
        pending = undefined;
        this.ack(d);
      }
      this.due.shift();
    }
    if (pending !== undefined) this.ack(pending);
    this.flushDue();
  }

  /** Takes an acknowledgement from the peer (untrusted: anything malformed or stale is ignored). */
  credited(bytes: Uint8Array): void {
    const m = ACK.exec(decoder.decode(bytes));
    if (m === null || !this.open) return;
    const through = Math.min(Number(m[1]), this.seq);
    if (through <= this.settled) return;
    const lostAfter = Math.min(Math.max(Number(m[2]), this.settled), through);
    let taken = 0;
    let lost = 0;
    for (let s = this.settled + 1; s <= through; s++) {
      const kind = this.kinds.shift() as number;
      if (s <= lostAfter) taken += kind;
      else lost += kind;
    }
    this.settled = through;
    this.lastProgress = performance.now();
    if (taken > 0) this.onMessage?.(taken);
    if (lost > 0) this.onLost?.(lost);
  }

  close(): void {
    if (!this.open) return;
    this.open = false;
    clearInterval(this.timer);
    this.onClose?.();
  }

  private readonly checkProbe = (): void => {
    if (!this.open || this.seq === this.settled || performance.now() - this.lastProgress < PROBE_AFTER_MS) return;
    this.lastProgress = performance.now();
    // The same probe again while the last one is unanswered: probes of a link to a node that is gone do not pile up.
    if (this.kinds.last() !== 0) {
      this.seq++;
      this.kinds.push(0);
    }
    this.publish(this.subject, new Uint8Array(0), `${this.creditSubject}.${this.seq}`);
  };

  private ack(d: Due): void {
    this.publish(d.creditTo, encoder.encode(`${d.seq} ${d.lostAfter}`), undefined);
  }

  private push(d: Due): void {
    this.due.push(d);
  }

  /** Sends the acknowledgements at the head of the queue that wait for no batch. */
  private flushDue(): void {
    for (let d = this.due.peek(); d !== undefined && !d.batch; d = this.due.peek()) {
      this.ack(d);
      this.due.shift();
    }
  }

  private publish(subject: string, data: Uint8Array, reply: string | undefined): void {
    if (!this.open || this.nc.isClosed()) return;
    try {
      this.nc.publish(subject, data, reply === undefined ? undefined : { reply });
    } catch {
      // A connection closing under us: lost, as on a link that went down (a batch shows as a gap).
    }
  }
}
