import type { NodeId } from '@faultline/core';
import type { NodeProcess } from './node-process.ts';

/** How the controller watches its workers' control planes. */
export interface HeartbeatOptions {
  /** How often each node is pinged (ms). */
  readonly everyMs: number;
  /** A ping unanswered this long (ms) makes the node unresponsive. */
  readonly unresponsiveAfterMs: number;
  /** Called once each time a node goes silent; it can be crashed (`cluster.crash`) to end it. */
  readonly onUnresponsive: (node: NodeId, silentForMs: number) => void;
}

/**
 * A heartbeat on the control plane: every `everyMs` each live node gets a ping over comlink. A node
 * whose event loop is stuck (an infinite loop in a handler) cannot answer; after `unresponsiveAfterMs`
 * it is reported, and control calls to it fail with NodeUnresponsiveError instead of never settling.
 * A node that answers again is responsive again. Data traffic never delays a ping for long, because
 * inboxes drain in slices that yield to the event loop.
 */
export class Heartbeat {
  private readonly procs: () => Iterable<NodeProcess>;
  private readonly o: HeartbeatOptions;
  private readonly inFlight = new Map<NodeProcess, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(procs: () => Iterable<NodeProcess>, options: HeartbeatOptions) {
    this.procs = procs;
    this.o = options;
  }

  start(): void {
    this.timer = setInterval(() => this.tick(), this.o.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.inFlight.clear();
  }

  private tick(): void {
    const now = Date.now();
    for (const proc of this.procs()) {
      if (!proc.isUp) {
        this.inFlight.delete(proc);
        continue;
      }
      const sentAt = this.inFlight.get(proc);
      if (sentAt !== undefined) {
        if (now - sentAt >= this.o.unresponsiveAfterMs && proc.markUnresponsive(now - sentAt)) this.o.onUnresponsive(proc.id, now - sentAt);
        continue;
      }
      this.inFlight.set(proc, now);
      proc.ping().then(
        () => {
          this.inFlight.delete(proc);
          proc.markResponsive();
        },
        () => this.inFlight.delete(proc),
      );
    }
  }
}
