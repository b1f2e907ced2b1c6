import type { NodeId, Rng } from '@faultline/core';
import type { Awareness } from './awareness.ts';
import { BroadcastQueue, retransmitLimit } from './broadcast-queue.ts';
import type { MembershipConfig } from './config.ts';
import type { Deadlines } from './deadlines.ts';
import { supersedes, type Update } from './member.ts';
import { MemberTable, type StatusChange } from './member-table.ts';
import type { WireMessage } from './messages.ts';
import { setSlot } from './node-index.ts';
import { ProbeOrder } from './probe-order.ts';
import { expectedConfirmations, Suspicion, suspicionMaxMs, suspicionMinMs } from './suspicion.ts';

/** What the knowledge layer needs from the state machine around it. */
export interface KnowledgeHost {
  readonly self: NodeId;
  readonly config: MembershipConfig;
  readonly awareness: Awareness;
  readonly deadlines: Deadlines;
  now(): number;
  emitChange(change: StatusChange): void;
  /** A member has a new alive or suspect claim (split-brain resolution counts it again). */
  revived(node: NodeId): void;
  log(message: string, data?: unknown): void;
}

/**
 * What one node knows about the members and how that knowledge spreads: the claims it holds
 * (SWIM §4.2), the updates it has yet to gossip, the suspicions it times (Lifeguard §IV-B), and
 * the probe order, which grows as members are learned.
 */
export class Knowledge {
  readonly table: MemberTable;
  readonly queue: BroadcastQueue;
  readonly order: ProbeOrder;
  private readonly host: KnowledgeHost;
  /** `suspicions[number]`: the pending suspicion of the member with that node number (sparse). */
  private suspicions: (Suspicion | undefined)[] = [];
  private corrections: Update[] = [];

  /** `configured`: the configured members (the table counts those it has not heard of yet). */
  constructor(host: KnowledgeHost, rng: Rng, incarnation: number, configured: readonly NodeId[] = []) {
    this.host = host;
    this.table = new MemberTable(configured);
    this.queue = new BroadcastQueue(this.table.index);
    this.order = new ProbeOrder(rng, this.table.index);
    this.table.merge({ node: host.self, state: 'alive', incarnation, from: host.self }, 0);
  }

  /** Applies the claims one message carried; returns the newer claims its sender should be told. */
  receive(updates: readonly Update[]): Update[] {
    this.corrections = [];
    for (const u of updates) this.merge(u);
    return this.corrections;
  }

  /** Stores a claim known to be newer (our own, or one we decided), queues it for gossip, updates suspicions. */
  apply(u: Update): void {
    const h = this.host;
    const { applied, change } = this.table.merge(u, h.now());
    if (!applied) return;
    this.queue.enqueue(u);
    if (u.node !== h.self) this.order.add(u.node);
    const n = this.table.index.numberOf(u.node);
    if (this.suspicions[n] !== undefined) {
      this.suspicions[n] = undefined;
      h.deadlines.clear({ kind: 'suspicion', node: u.node });
    }
    if (u.state === 'suspect' && u.node !== h.self) this.startSuspicion(u);
    if (u.state === 'alive' || u.state === 'suspect') h.revived(u.node);
    if (change) h.emitChange(change);
  }

  /** Our own probe of `target` (at `incarnation`) failed: suspect it, or confirm a pending suspicion. */
  suspect(target: NodeId, incarnation: number): void {
    const r = this.table.get(target);
    if (!r) return;
    const claim: Update = { node: target, state: 'suspect', incarnation, from: this.host.self };
    if (r.claim.state === 'alive') this.apply(claim);
    else this.confirm(claim);
  }

  /** A suspicion's deadline passed (it was due at `at`): down the member, or first give it one more chance. */
  expire(node: NodeId, at: number): void {
    const h = this.host;
    const s = this.suspicionOf(node);
    const r = this.table.get(node);
    if (!s || !r || r.claim.state !== 'suspect' || r.claim.incarnation !== s.incarnation) return;
    const now = h.now();
    if (now - at > h.config.probeIntervalMs) {
      // This node stalled: let the messages it missed (maybe a refutation) arrive first.
      h.deadlines.set({ kind: 'suspicion', node }, now + h.config.probeIntervalMs);
      return;
    }
    if (!s.isConfirmedBy(h.self) && !s.lastChanceTaken) {
      // Last chance: we only heard of this suspicion, and every copy of a refutation may have been
      // lost on the way to us. Probe the member once first; the ping and ping-reqs carry the
      // suspicion, so the member or a better-informed relay answers with the refutation.
      s.lastChanceTaken = true;
      this.order.prioritize(node);
      const nextProbe = h.deadlines.at({ kind: 'probe' }) ?? now;
      h.deadlines.set({ kind: 'suspicion', node }, nextProbe + h.awareness.scale(h.config.probeIntervalMs) + 1);
      return;
    }
    this.apply({ node, state: 'dead', incarnation: s.incarnation, from: h.self });
  }

  /** Fills a message's piggyback from the queue; undefined for a gossip message with nothing to say. */
  piggyback(message: WireMessage): WireMessage | undefined {
    if (!('updates' in message)) return message;
    const limit = retransmitLimit(this.host.config.retransmitMult, this.liveCount());
    // Lifeguard's buddy system: a probe of a suspected member carries the suspicion, so it can refute at once.
    const target = message.type === 'ping' || message.type === 'ping-req' ? message.target : undefined;
    const buddy = target === undefined ? undefined : this.table.get(target)?.claim;
    const max = this.host.config.maxPiggyback;
    const updates = buddy?.state === 'suspect' ? [buddy, ...this.queue.take(max - 1, limit, buddy.node)] : this.queue.take(max, limit);
    if (message.type === 'gossip' && updates.length === 0) return undefined;
    return withUpdates(message, updates);
  }

  /** Members that are not down or gone: the n in Lifeguard's and memberlist's formulas. */
  liveCount(): number {
    return this.table.liveCount;
  }

  /** Drops pending gossip and suspicions (the node goes quiet). */
  forget(): void {
    this.queue.clear();
    this.suspicions = [];
  }

  private suspicionOf(node: NodeId): Suspicion | undefined {
    const n = this.table.index.peek(node);
    return n === undefined ? undefined : this.suspicions[n];
  }

  /** Merges a gossiped claim: refute it if it accuses us, store it if newer, count it if it confirms a suspicion. */
  private merge(u: Update): void {
    if (u.node === this.host.self) return this.aboutSelf(u);
    const r = this.table.get(u.node);
    if (!r || supersedes(u, r.claim)) return this.apply(u);
    if (u.state === 'suspect' && r.claim.state === 'suspect' && u.incarnation === r.claim.incarnation) return this.confirm(u);
    // A stale accusation of a member we hold refuted (or left): its sender missed the news.
    if (isAccusation(u) && !isAccusation(r.claim) && r.claim.incarnation > u.incarnation) this.correct(r.claim);
  }

  /** SWIM §4.2: a member that hears itself suspected or declared down refutes with a higher incarnation. */
  private aboutSelf(u: Update): void {
    const h = this.host;
    const me = this.table.get(h.self)?.claim;
    if (!me) return;
    if (!supersedes(u, me)) {
      // A stale accusation: its sender missed our refutation (every copy may have been lost), so
      // queue the refutation again and tell the sender directly.
      if (isAccusation(u)) {
        this.queue.enqueue(me);
        this.correct(me);
      }
      return;
    }
    const incarnation = Math.max(me.incarnation, u.incarnation) + 1;
    if (u.state !== 'alive') h.awareness.apply(1); // Lifeguard: being accused hints that we are the slow one
    h.log('refuting', { claim: u, incarnation });
    this.apply({ node: h.self, state: 'alive', incarnation, from: h.self });
  }

  private startSuspicion(u: Update): void {
    const c = this.host.config;
    const n = this.liveCount();
    const s = new Suspicion(u.incarnation, this.host.now(), u.from, expectedConfirmations(c, n), suspicionMinMs(c, n), suspicionMaxMs(c, n));
    setSlot(this.suspicions, this.table.index.numberOf(u.node), s, undefined);
    this.host.deadlines.set({ kind: 'suspicion', node: u.node }, s.deadline());
  }

  /** Lifeguard §IV-B: an independent suspicion of the same incarnation shortens the timeout; it is re-gossiped. */
  private confirm(u: Update): void {
    const s = this.suspicionOf(u.node);
    if (!s || s.incarnation !== u.incarnation || !s.confirm(u.from)) return;
    this.host.deadlines.set({ kind: 'suspicion', node: u.node }, s.deadline());
    this.queue.enqueue(u);
  }

  private correct(newer: Update): void {
    if (!this.corrections.some((c) => c.node === newer.node)) this.corrections.push(newer);
  }
}

/**
 * `{ ...message, updates }` spelled out per type (same keys, same order): every protocol message
 * passes here, and an object spread of a union takes V8's slow path (issue 27).
 */
function withUpdates(m: Extract<WireMessage, { updates: readonly Update[] }>, updates: Update[]): WireMessage {
  switch (m.type) {
    case 'ping': return { type: 'ping', seq: m.seq, target: m.target, updates };
    case 'ack': return { type: 'ack', seq: m.seq, updates };
    case 'ping-req': return { type: 'ping-req', seq: m.seq, target: m.target, updates };
    case 'nack': return { type: 'nack', seq: m.seq, updates };
    case 'gossip': return { type: 'gossip', updates };
    default: {
      const never: never = m;
      throw new Error(`unknown wire message ${JSON.stringify(never)}`);
    }
  }
}

/** True for claims that accuse a member: suspect or dead. */
function isAccusation(u: Pick<Update, 'state'>): boolean {
  return u.state === 'suspect' || u.state === 'dead';
}
