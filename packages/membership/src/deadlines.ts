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

/** The kinds with one deadline each (no key beyond the kind). */
type SingleKind = Exclude<Deadline['kind'], 'relay' | 'suspicion'>;

const SINGLE_SLOT: Readonly<Record<SingleKind, number>> = {
  probe: 0, 'probe-timeout': 1, gossip: 2, 'push-pull': 3, reconnect: 4, 'join-retry': 5, 'split-brain': 6,
};

interface Entry {
  deadline: Deadline;
  at: number;
  /** When the key was set without being pending: ties of `at` go in this order (a map's insertion order). */
  readonly order: number;
}

/**
 * The protocol's pending deadlines, one per key (a kind, a relay's seq or a suspected member); the
 * actor arms a single timer for the earliest. Kept without key strings: a slot per single kind and
 * maps by seq and by member, and the earliest time is cached (issue 27: `next` runs after every step
 * of every node, and a join storm holds a suspicion per member). Due deadlines pop earliest first,
 * ties in the order their keys were set (re-setting a pending key keeps its place), as the one map
 * of key strings this replaced did (`deadlines.test.ts` checks against that reference).
 */
export class Deadlines {
  private single: (Entry | undefined)[] = [];
  private readonly relays = new Map<number, Entry>();
  private readonly suspicions = new Map<NodeId, Entry>();
  private orders = 0;
  private count = 0;
  /** The earliest `at` pending, valid unless `dirty`. */
  private earliest: number | undefined;
  private dirty = false;

  /** Sets (or moves) a deadline. */
  set(deadline: Deadline, at: number): void {
    const old = this.entry(deadline);
    if (old !== undefined) {
      if (old.at === this.earliest && at > old.at) this.dirty = true;
      old.deadline = deadline;
      old.at = at;
    } else {
      this.put(deadline, { deadline, at, order: this.orders++ });
      this.count++;
    }
    if (!this.dirty && (this.earliest === undefined || at < this.earliest)) this.earliest = at;
  }

  clear(deadline: Deadline): void {
    const old = this.entry(deadline);
    if (old === undefined) return;
    this.remove(old.deadline);
    if (old.at === this.earliest) this.dirty = true;
  }

  /** When a deadline is due, if it is set. */
  at(deadline: Deadline): number | undefined {
    return this.entry(deadline)?.at;
  }

  /** The earliest time anything is due. */
  next(): number | undefined {
    if (this.dirty) {
      let min: number | undefined;
      this.forEach((e) => {
        if (min === undefined || e.at < min) min = e.at;
      });
      this.earliest = min;
      this.dirty = false;
    }
    return this.earliest;
  }

  /** Removes and returns the earliest deadline due at or before `now` (ties in the order their keys were set). */
  popDue(now: number): { deadline: Deadline; at: number } | undefined {
    const earliest = this.next();
    if (earliest === undefined || earliest > now) return undefined;
    let best: Entry | undefined;
    this.forEach((e) => {
      if (e.at <= now && (best === undefined || e.at < best.at || (e.at === best.at && e.order < best.order))) best = e;
    });
    if (best === undefined) return undefined;
    this.remove(best.deadline);
    this.dirty = true;
    return { deadline: best.deadline, at: best.at };
  }

  /** Drops every deadline (the node goes quiet). */
  clearAll(): void {
    this.single = [];
    this.relays.clear();
    this.suspicions.clear();
    this.count = 0;
    this.earliest = undefined;
    this.dirty = false;
  }

  /** How many deadlines are pending. */
  get size(): number {
    return this.count;
  }

  private entry(d: Deadline): Entry | undefined {
    switch (d.kind) {
      case 'relay': return this.relays.get(d.seq);
      case 'suspicion': return this.suspicions.get(d.node);
      default: return this.single[SINGLE_SLOT[d.kind]];
    }
  }

  private put(d: Deadline, e: Entry): void {
    switch (d.kind) {
      case 'relay': this.relays.set(d.seq, e); return;
      case 'suspicion': this.suspicions.set(d.node, e); return;
      default: {
        const slot = SINGLE_SLOT[d.kind];
        while (this.single.length < slot) this.single.push(undefined);
        this.single[slot] = e;
      }
    }
  }

  private remove(d: Deadline): void {
    this.count--;
    switch (d.kind) {
      case 'relay': this.relays.delete(d.seq); return;
      case 'suspicion': this.suspicions.delete(d.node); return;
      default: this.single[SINGLE_SLOT[d.kind]] = undefined;
    }
  }

  private forEach(fn: (e: Entry) => void): void {
    for (const e of this.single) if (e !== undefined) fn(e);
    for (const e of this.relays.values()) fn(e);
    for (const e of this.suspicions.values()) fn(e);
  }
}
