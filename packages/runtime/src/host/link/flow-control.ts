import type { Mailbox } from './mailbox.ts';
import type { BatchOrigin } from './raw-batches.ts';
import { CREDIT_IDLE_MS, STALL_AFTER_MS, type CreditOwed, type SendWindow } from './send-window.ts';

/** A link as flow control sees it: both directions of one port. */
export interface FlowLink extends BatchOrigin {
  /** The sending side's window; undefined on a link without flow control (NATS). */
  readonly window: SendWindow | undefined;
  /** Credit this node owes the peer for batches it took off the wire. */
  readonly owed: CreditOwed;
  /** Posts credit for `batches` batches back to the peer (absent: the link does not return credit). */
  readonly returnCredit: ((batches: number) => void) | undefined;
  /** Entries in the batch being built for the peer. */
  readonly inBatch: () => number;
  open: boolean;
  /** True while this link holds its node's mailbox (see SendWindow.isSlowing). */
  slow: boolean;
}

/**
 * One node's flow control across its links: slows the node (its mailbox stops delivering) while any
 * link is over half its window, marks links whose receiver returns no credit as stalled, and returns
 * the credit this node owes its peers in batches (see SendWindow and CreditOwed).
 */
export class FlowControl {
  private slowLinks = 0;
  private readonly owing = new Set<FlowLink>();
  private creditTimer: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;

  private readonly mailbox: Mailbox;
  private readonly now: () => number;
  /** Entries a link may have in flight (its window). */
  readonly limit: number;
  private readonly links: () => Iterable<FlowLink>;

  constructor(mailbox: Mailbox, now: () => number, limit: number, links: () => Iterable<FlowLink>) {
    this.mailbox = mailbox;
    this.now = now;
    this.limit = limit;
    this.links = links;
  }

  /** Re-evaluates whether `link` slows its node: after an append, a credit, a stall or a close. */
  update(link: FlowLink): void {
    const w = link.window;
    if (w === undefined) return;
    const slow = link.open && w.isSlowing(link.inBatch());
    if (slow === link.slow) return;
    link.slow = slow;
    if (slow) {
      w.lastProgress = this.now();
      this.slowLinks++;
      this.mailbox.slowed = true;
      this.stallTimer ??= unref(setTimeout(this.checkStalls, STALL_AFTER_MS / 4));
    } else if (--this.slowLinks === 0) {
      this.mailbox.slowed = false;
      this.mailbox.drain();
    }
  }

  /** Notes a batch from `link` taken off the wire (decoded, or dropped whole). */
  owe(link: FlowLink, claimed: number): void {
    if (link.returnCredit === undefined) return;
    link.owed.batches++;
    link.owed.entries += claimed;
    this.owing.add(link);
  }

  /** Returns the owed credit that is due (after each drain slice); the rest within CREDIT_IDLE_MS. */
  readonly returnDue = (): void => {
    if (this.owing.size === 0) return;
    for (const link of this.owing) if (link.owed.due(this.limit)) this.give(link);
    if (this.owing.size > 0) this.creditTimer ??= unref(setTimeout(this.returnAll, CREDIT_IDLE_MS));
  };

  private readonly returnAll = (): void => {
    this.creditTimer = undefined;
    for (const link of this.owing) this.give(link);
  };

  private give(link: FlowLink): void {
    this.owing.delete(link);
    const batches = link.owed.take();
    if (link.open && batches > 0) link.returnCredit?.(batches);
  }

  /** A slowing link with no credit for STALL_AFTER_MS has a stuck receiver: it stops slowing the node. */
  private readonly checkStalls = (): void => {
    this.stallTimer = undefined;
    const now = this.now();
    for (const link of this.links()) {
      const w = link.window;
      if (w === undefined || !link.slow || now - w.lastProgress < STALL_AFTER_MS) continue;
      w.stalled = true;
      this.update(link);
    }
    if (this.slowLinks > 0) this.stallTimer = unref(setTimeout(this.checkStalls, STALL_AFTER_MS / 4));
  };

  /** Stops the timers (the node is closing). */
  close(): void {
    if (this.creditTimer) clearTimeout(this.creditTimer);
    if (this.stallTimer) clearTimeout(this.stallTimer);
    this.creditTimer = undefined;
    this.stallTimer = undefined;
    this.owing.clear();
  }
}

function unref(timer: NodeJS.Timeout): NodeJS.Timeout {
  timer.unref?.();
  return timer;
}
