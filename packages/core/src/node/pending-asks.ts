import type { AskOutcome } from '../outcome.ts';
import type { RuntimeTimer } from './environment.ts';

interface PendingAsk {
  readonly resolve: (outcome: AskOutcome<unknown>) => void;
  readonly timer: RuntimeTimer;
  /** The node asked. */
  readonly target: string;
}

/** Asks awaiting a reply, by message id. Each settles exactly once. */
export class PendingAsks {
  private readonly pending = new Map<number, PendingAsk>();
  /** Replies that arrived after their ask had already settled (timed out). */
  lateReplies = 0;
  /** Answers to a pending ask from a node other than the one asked: ignored, the ask still waits (issue 20). */
  strayReplies = 0;

  add(id: number, resolve: (outcome: AskOutcome<unknown>) => void, timer: RuntimeTimer, target: string): void {
    this.pending.set(id, { resolve, timer, target });
  }

  /** Settles every ask waiting on node `target` with the same outcome; returns their timers. */
  settleTarget(target: string, outcome: AskOutcome<unknown>): RuntimeTimer[] {
    const timers: RuntimeTimer[] = [];
    for (const [id, entry] of this.pending) {
      if (entry.target !== target) continue;
      const done = this.settle(id, outcome);
      if (done) timers.push(done.timer);
    }
    return timers;
  }

  /**
   * Settles the ask; returns its timer so the caller can clear it, or undefined if already settled.
   * With `from` (an answer off the wire), only the node that was asked can settle it: an answer with
   * the right id from any other node is counted in `strayReplies` and ignored.
   */
  settle(id: number, outcome: AskOutcome<unknown>, from?: string): { timer: RuntimeTimer } | undefined {
    const entry = this.pending.get(id);
    if (!entry) {
      if (outcome.status !== 'unknown') this.lateReplies++;
      return undefined;
    }
    if (from !== undefined && from !== entry.target) {
      this.strayReplies++;
      return undefined;
    }
    this.pending.delete(id);
    entry.resolve(outcome);
    return { timer: entry.timer };
  }

  /** Settles every outstanding ask with the same outcome (used at shutdown). */
  settleAll(outcome: AskOutcome<unknown>): RuntimeTimer[] {
    const timers: RuntimeTimer[] = [];
    for (const [id] of this.pending) {
      const done = this.settle(id, outcome);
      if (done) timers.push(done.timer);
    }
    return timers;
  }

  get size(): number {
    return this.pending.size;
  }
}
