import type { NodeId } from '@faultline/core';

/** Something the protocol must do at a given time of the node's clock. */
export type Deadline =
  /** Start the next protocol period (and judge the previous probe). */
  | { readonly kind: 'probe' }
  /** The direct ping went unanswered: ask relays. */
  | { readonly kind: 'probe-timeout' }
  /** A relayed ping went unanswered: send a nack to the requester. */
  | { readonly kind: 'relay'; readonly seq: number }
  /** A suspicion ran out: declare the member down. */
  | { readonly kind: 'suspicion'; readonly node: NodeId }
  | { readonly kind: 'gossip' }
  | { readonly kind: 'push-pull' }
  | { readonly kind: 'reconnect' }
  | { readonly kind: 'join-retry' }
  /** The split between reachable and unreachable members may have been stable long enough. */
  | { readonly kind: 'split-brain' };

function keyOf(d: Deadline): string {
  switch (d.kind) {
    case 'relay': return `relay:${d.seq}`;
    case 'suspicion': return `suspicion:${d.node}`;
    default: return d.kind;
  }
}

/** The protocol's pending deadlines, one per key; the actor arms a single timer for the earliest. */
export class Deadlines {
  private readonly pending = new Map<string, { deadline: Deadline; at: number }>();

  /** Sets (or moves) a deadline. */
  set(deadline: Deadline, at: number): void {
    this.pending.set(keyOf(deadline), { deadline, at });
  }

  clear(deadline: Deadline): void {
    this.pending.delete(keyOf(deadline));
  }

  /** When a deadline is due, if it is set. */
  at(deadline: Deadline): number | undefined {
    return this.pending.get(keyOf(deadline))?.at;
  }

  /** The earliest time anything is due. */
  next(): number | undefined {
    let min: number | undefined;
    for (const { at } of this.pending.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  /** Removes and returns the earliest deadline due at or before `now` (ties in insertion order). */
  popDue(now: number): { deadline: Deadline; at: number } | undefined {
    let best: { key: string; deadline: Deadline; at: number } | undefined;
    for (const [key, entry] of this.pending) {
      if (entry.at <= now && (best === undefined || entry.at < best.at)) best = { key, ...entry };
    }
    if (best) this.pending.delete(best.key);
    return best;
  }

  /** Drops every deadline (the node goes quiet). */
  clearAll(): void {
    this.pending.clear();
  }
}
