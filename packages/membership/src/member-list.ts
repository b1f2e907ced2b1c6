import type { NodeId, Rng } from '@faultline/core';
import { Awareness } from './awareness.ts';
import type { MembershipConfig } from './config.ts';
import { Deadlines, type Deadline } from './deadlines.ts';
import { statusEventType, type MembershipEvent } from './events.ts';
import { Knowledge, type KnowledgeHost } from './knowledge.ts';
import { isReachable, type Update } from './member.ts';
import type { MemberRecord, StatusChange } from './member-table.ts';
import type { MemberListEffect, MemberListInput, MemberListOptions, MemberListPhase } from './member-list-types.ts';
import type { WireMessage } from './messages.ts';
import { Prober, type ProbeHost } from './prober.ts';
import { computeQuorum, type QuorumState } from './quorum.ts';
import { SplitBrainTracker } from './split-brain-tracker.ts';
import type { MembershipView } from './view.ts';

/**
 * SWIM + Lifeguard membership of one node as a pure state machine (etcd-raft style): `step` takes
 * an input and the node's clock and returns effects; it does no I/O, and its only randomness is
 * the injected generator. `nextDeadline` says when to `tick` next.
 */
export class MemberList implements ProbeHost, KnowledgeHost {
  readonly self: NodeId;
  readonly config: MembershipConfig;
  readonly awareness: Awareness;
  readonly deadlines = new Deadlines();
  private readonly rng: Rng;
  private readonly configured: readonly NodeId[];
  private seeds: readonly NodeId[];
  private readonly known: Knowledge;
  private readonly prober: Prober;
  private readonly splitBrain: SplitBrainTracker | undefined;
  private phase: MemberListPhase = 'idle';
  private joined = false;
  private hadQuorum = false;
  private clock = 0;
  private out: MemberListEffect[] = [];
  /** Unknown senders we exchanged state with, and when (to retry a lost exchange, not to repeat it). */
  private readonly introduced = new Map<NodeId, number>();
  private quorumCache: { version: number; state: QuorumState } | undefined;
  private splitBrainSeen = -1;

  constructor(options: MemberListOptions) {
    this.self = options.self;
    this.config = options.config;
    this.rng = options.rng;
    this.configured = [...options.members];
    this.seeds = options.seeds;
    this.awareness = new Awareness(options.config.awarenessMax);
    this.known = new Knowledge(this, options.rng.derive('probe-order'), options.incarnation ?? 0);
    this.prober = new Prober(this);
    this.splitBrain = options.config.splitBrain ? new SplitBrainTracker(options.config.splitBrain, this.self) : undefined;
  }

  /** Feeds one input at `now` (the node's clock; a smaller value than before counts as no time passing). */
  step(input: MemberListInput, now: number): MemberListEffect[] {
    this.clock = Math.max(this.clock, now);
    switch (input.type) {
      case 'start': this.start(); break;
      case 'tick': this.tick(); break;
      case 'message': if (this.phase === 'running') this.onMessage(input.from, input.message); break;
      case 'leave': this.leave(); break;
      case 'join': this.join(input.seeds); break;
      default: {
        const never: never = input;
        throw new Error(`unknown input ${JSON.stringify(never)}`);
      }
    }
    this.afterStep();
    const out = this.out;
    this.out = [];
    return out;
  }

  /** The earliest time `tick` has work to do. */
  nextDeadline(): number | undefined {
    return this.deadlines.next();
  }

  /** This node's view, quorum and health now. */
  view(): MembershipView {
    const me = this.me();
    return {
      self: this.self, phase: this.phase, status: me.status, incarnation: me.claim.incarnation, joined: this.joined,
      members: this.known.table.views(), quorum: this.quorum(), awareness: this.awareness.score, at: this.clock,
    };
  }

  quorum(): QuorumState {
    const version = this.known.table.version;
    if (this.quorumCache?.version !== version) {
      const state = computeQuorum(this.config.quorum, this.configured, this.known.table.statuses(), this.me().status);
      this.quorumCache = { version, state };
    }
    return this.quorumCache.state;
  }

  // ---- lifecycle ----

  private start(): void {
    if (this.phase !== 'idle') return;
    const me = this.me();
    this.emitChange({ node: this.self, previous: 'none', status: me.status, incarnation: me.claim.incarnation });
    this.run();
  }

  private run(): void {
    this.phase = 'running';
    const c = this.config;
    const now = this.clock;
    // Random phase offsets keep the nodes' protocol periods from running in lockstep.
    this.deadlines.set({ kind: 'probe' }, now + this.rng.int(c.probeIntervalMs));
    this.deadlines.set({ kind: 'gossip' }, now + this.rng.int(c.gossipIntervalMs));
    if (c.pushPullIntervalMs > 0) this.deadlines.set({ kind: 'push-pull' }, now + c.pushPullIntervalMs + this.rng.int(c.pushPullIntervalMs));
    if (c.reconnectIntervalMs > 0) this.deadlines.set({ kind: 'reconnect' }, now + c.reconnectIntervalMs);
    this.joined = false;
    this.sendJoin();
  }

  private sendJoin(): void {
    const seeds = this.seeds.filter((s) => s !== this.self);
    if (seeds.length === 0) {
      this.joined = true;
      return;
    }
    for (const seed of seeds) this.sendSync(seed, true);
    this.deadlines.set({ kind: 'join-retry' }, this.clock + this.config.joinRetryMs);
  }

  private leave(): void {
    if (this.phase !== 'running') return;
    const left: Update = { node: this.self, state: 'left', incarnation: this.me().claim.incarnation, from: this.self };
    this.known.apply(left);
    // Tell every member directly; each re-gossips it, so the rare lost copy is covered.
    for (const to of this.others((_, r) => isReachable(r.status))) this.out.push({ type: 'send', to, message: { type: 'gossip', updates: [left] } });
    this.goQuiet('left');
  }

  private join(seeds: readonly NodeId[] | undefined): void {
    if (seeds) this.seeds = [...seeds];
    if (this.phase === 'idle') return this.start();
    if (this.phase === 'running') return this.sendJoin();
    // A member that left or was downed comes back only with a higher incarnation.
    this.known.apply({ node: this.self, state: 'alive', incarnation: this.me().claim.incarnation + 1, from: this.self });
    this.run();
  }

  private goQuiet(phase: 'left' | 'downed'): void {
    this.phase = phase;
    this.deadlines.clearAll();
    this.prober.reset();
    this.known.forget();
    this.log(`went quiet: ${phase}`);
  }

  // ---- time ----

  private tick(): void {
    for (let guard = 0; guard < 10_000; guard++) {
      const due = this.deadlines.popDue(this.clock);
      if (!due) return;
      this.runDeadline(due.deadline, due.at);
    }
    this.log('tick stopped after 10000 deadlines: a deadline keeps rescheduling itself in the past');
  }

  private runDeadline(d: Deadline, at: number): void {
    const c = this.config;
    const now = this.clock;
    switch (d.kind) {
      case 'probe': return this.prober.onPeriod(at);
      case 'probe-timeout': return this.prober.onProbeTimeout();
      case 'relay': return this.prober.onRelayTimeout(d.seq);
      case 'suspicion': return this.known.expire(d.node, at);
      case 'gossip': {
        this.deadlines.set(d, now + c.gossipIntervalMs);
        if (this.known.queue.size === 0) return;
        // Gossip also goes to members downed recently, so one downed by mistake hears of it and refutes.
        const targets = this.others((_, r) => r.claim.state === 'alive' || r.claim.state === 'suspect'
          || (r.claim.state === 'dead' && now - r.since <= c.gossipToTheDeadMs));
        for (const to of this.rng.shuffled(targets).slice(0, c.gossipFanout)) this.send(to, { type: 'gossip', updates: [] });
        return;
      }
      case 'push-pull':
        this.deadlines.set(d, now + c.pushPullIntervalMs);
        return this.syncWithOne((_, r) => r.status === 'alive');
      case 'reconnect':
        // After a partition heals, each side holds the other down: reaching one downed member reunites them.
        this.deadlines.set(d, now + c.reconnectIntervalMs);
        return this.syncWithOne((_, r) => r.claim.state === 'dead');
      case 'join-retry':
        if (!this.joined) this.sendJoin();
        return;
      case 'split-brain': return this.resolveSplitBrain();
      default: {
        const never: never = d;
        throw new Error(`unknown deadline ${JSON.stringify(never)}`);
      }
    }
  }

  // ---- messages ----

  private onMessage(from: NodeId, m: WireMessage): void {
    const last = this.introduced.get(from);
    if (!this.known.table.get(from) && m.type !== 'sync' && m.type !== 'sync-reply' && (last === undefined || this.clock - last > this.config.joinRetryMs)) {
      // A member we have not heard of talks to us (its alive update missed us): exchange full state with it.
      this.introduced.set(from, this.clock);
      this.sendSync(from, false);
    }
    const updates = 'updates' in m ? m.updates : m.type === 'sync-reply' ? asSuspicions(m.state, from) : [];
    const corrections = this.known.receive(updates);
    // The sender gossiped accusations we know to be refuted: tell it directly (its copies of the refutation were lost).
    if (corrections.length > 0) this.out.push({ type: 'send', to: from, message: { type: 'gossip', updates: corrections } });
    switch (m.type) {
      case 'ping': return this.prober.onPing(from, m.seq, m.target);
      case 'ack': return this.prober.onAck(m.seq);
      case 'ping-req': return this.prober.onPingReq(from, m.seq, m.target);
      case 'nack': return this.prober.onNack(m.seq);
      case 'gossip': return;
      case 'sync':
        this.known.receive(asSuspicions(m.state, from)); // no corrections: the reply carries our whole state
        this.out.push({ type: 'send', to: from, message: { type: 'sync-reply', state: this.known.table.snapshot() } });
        return;
      case 'sync-reply':
        if (!this.joined) {
          this.joined = true;
          this.deadlines.clear({ kind: 'join-retry' });
        }
        return;
      default: {
        const never: never = m;
        throw new Error(`unknown wire message ${JSON.stringify(never)}`);
      }
    }
  }

  // ---- ProbeHost and KnowledgeHost ----

  now(): number {
    return this.clock;
  }

  send(to: NodeId, message: WireMessage): void {
    const full = this.known.piggyback(message);
    if (full) this.out.push({ type: 'send', to, message: full });
  }

  nextTarget(): { node: NodeId; incarnation: number } | undefined {
    const node = this.known.order.next((n) => {
      const state = this.known.table.get(n)?.claim.state;
      return state === 'alive' || state === 'suspect';
    });
    const r = node === undefined ? undefined : this.known.table.get(node);
    return node === undefined || !r ? undefined : { node, incarnation: r.claim.incarnation };
  }

  pickRelays(target: NodeId, k: number): NodeId[] {
    return this.rng.shuffled(this.others((n, r) => n !== target && r.status === 'alive')).slice(0, k);
  }

  probeSucceeded(target: NodeId): void {
    const change = this.known.table.setUnreachable(target, false, this.clock);
    if (change) this.emitChange(change);
  }

  probeFailed(target: NodeId, incarnation: number): void {
    const r = this.known.table.get(target);
    if (!r || r.claim.incarnation !== incarnation || (r.claim.state !== 'alive' && r.claim.state !== 'suspect')) return;
    // Flag first, so the view moves straight from alive to unreachable (one event, not two).
    const change = this.known.table.setUnreachable(target, true, this.clock);
    if (change) this.emitChange(change);
    this.known.suspect(target, incarnation);
  }

  emitChange(change: StatusChange): void {
    const event = { ...change, observer: this.self, at: this.clock, type: statusEventType(change.status) } as MembershipEvent;
    this.out.push({ type: 'event', event });
  }

  revived(node: NodeId): void {
    this.splitBrain?.revive(node);
  }

  log(message: string, data?: unknown): void {
    this.out.push(data === undefined ? { type: 'log', message } : { type: 'log', message, data });
  }

  // ---- after every step: quorum and split-brain ----

  private afterStep(): void {
    const quorum = this.quorum();
    if (quorum.hasQuorum !== this.hadQuorum) {
      this.hadQuorum = quorum.hasQuorum;
      const type = quorum.hasQuorum ? 'quorum-regained' : 'quorum-lost';
      this.out.push({ type: 'event', event: { type, observer: this.self, quorum, at: this.clock } });
    }
    if (!this.splitBrain || this.phase !== 'running' || this.splitBrainSeen === this.known.table.version) return;
    this.splitBrainSeen = this.known.table.version;
    const at = this.splitBrain.observe(this.known.table.statuses(), this.clock);
    if (at === undefined) this.deadlines.clear({ kind: 'split-brain' });
    else if (this.deadlines.at({ kind: 'split-brain' }) !== at) this.deadlines.set({ kind: 'split-brain' }, at);
  }

  private resolveSplitBrain(): void {
    const decision = this.splitBrain?.decide(this.known.table.statuses(), this.clock, this.seniority());
    if (!decision) return;
    this.log('split-brain decision', decision);
    if (decision.type === 'down-self') {
      this.known.apply({ node: this.self, state: 'dead', incarnation: this.me().claim.incarnation, from: this.self });
      return this.goQuiet('downed');
    }
    for (const node of decision.nodes) {
      const r = this.known.table.get(node);
      if (r && r.claim.state !== 'dead' && r.claim.state !== 'left') {
        this.known.apply({ node, state: 'dead', incarnation: r.claim.incarnation, from: this.self });
      }
    }
  }

  // ---- helpers ----

  private sendSync(to: NodeId, join: boolean): void {
    this.out.push({ type: 'send', to, message: { type: 'sync', join, state: this.known.table.snapshot() } });
  }

  private syncWithOne(filter: (node: NodeId, r: MemberRecord) => boolean): void {
    const candidates = this.others(filter);
    if (candidates.length > 0) this.sendSync(this.rng.pick(candidates), false);
  }

  private me(): MemberRecord {
    const r = this.known.table.get(this.self);
    if (!r) throw new Error(`no record for this node ${this.self}`);
    return r;
  }

  private others(filter: (node: NodeId, r: MemberRecord) => boolean): NodeId[] {
    const out: NodeId[] = [];
    for (const [node, r] of this.known.table.entries()) if (node !== this.self && filter(node, r)) out.push(node);
    return out;
  }

  /** Oldest first: configured members in configuration order, then the rest by node id. */
  private seniority(): NodeId[] {
    const rest = [...this.known.table.entries()].map(([n]) => n).filter((n) => !this.configured.includes(n)).sort();
    return [...this.configured, ...rest];
  }
}

/**
 * A full state from a push-pull: a member the other side holds dead is taken as suspect
 * (memberlist's mergeState). After a partition heals, each side holds the other dead at the
 * same incarnation as our alive; taken as dead it would down live members until they refute.
 */
function asSuspicions(state: readonly Update[], from: NodeId): Update[] {
  return state.map((u) => (u.state === 'dead' ? { node: u.node, state: 'suspect', incarnation: u.incarnation, from } : u));
}
