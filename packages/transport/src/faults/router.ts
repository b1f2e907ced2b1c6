import { FaultlineError, sample, type Distribution, type NodeId, type Rng } from '@faultline/core';
import type { Delivery, Packet, RouteDecision } from './link-layer.ts';
import { linkKey } from './nodes.ts';
import type { NetworkState } from './network-state.ts';
import { judge, type JudgeContext } from './judge.ts';
import { BandwidthQueue } from './bandwidth-queue.ts';
import { PASS, type Verdict } from './verdict.ts';
import type { LinkCounters, NetworkCounters } from '../observe/counters.ts';

/** The decision for a frame delivered at once, unchanged: shared, never mutated. */
const DELIVER_NOW: RouteDecision = Object.freeze({ deliveries: Object.freeze([Object.freeze({ delayMs: 0 })]) });

/** Per directed link: its own random stream, order horizon, queues and counters. */
interface LinkState {
  readonly rng: Rng;
  readonly counters: LinkCounters;
  readonly queues: Map<string, BandwidthQueue>;
  lastArrivalMs: number;
}

/**
 * Decides each frame's fate from a network's state: blocked link, then the first non-pass rule,
 * then base latency and the link's FIFO horizon. Keeps the per-link state that decisions need.
 */
export class Router {
  private readonly state: NetworkState;
  private readonly counters: NetworkCounters;
  private readonly baseLatency: Distribution;
  private readonly fifo: boolean;
  private readonly links = new Map<string, Map<string, LinkState>>();
  private rng: Rng | undefined;

  constructor(state: NetworkState, counters: NetworkCounters, baseLatency: Distribution, fifo: boolean) {
    this.state = state;
    this.counters = counters;
    this.baseLatency = baseLatency;
    this.fifo = fifo;
  }

  /** Binds the random stream each link's stream is derived from; forgets all per-link state. */
  attach(rng: Rng): void {
    this.rng = rng;
    this.links.clear();
  }

  /** True while no rule or partition exists and every frame would arrive at once (zero base latency). */
  get passThrough(): boolean {
    return this.state.rules.length === 0 && this.state.blocked.size === 0
      && this.baseLatency.kind === 'constant' && this.baseLatency.ms === 0;
  }

  /** Counts frames a runtime sent without routing them, while `passThrough` held. */
  countPassed(from: NodeId, to: NodeId, frames: number): void {
    const c = this.link(from, to).counters;
    this.counters.add(c, 'sent', frames);
    this.counters.add(c, 'delivered', frames);
  }

  /**
   * The latest arrival time (absolute virtual ms) any FIFO link has promised: a frame a fault
   * delayed holds every later frame on its link behind it, as TCP's head-of-line blocking does.
   * -Infinity before any frame. Waiting past it means every frame sent so far has arrived.
   */
  arrivalHorizonMs(): number {
    let horizon = -Infinity;
    for (const byTo of this.links.values()) for (const link of byTo.values()) if (link.lastArrivalMs > horizon) horizon = link.lastArrivalMs;
    return horizon;
  }

  /** Drops the queues a removed rule kept. */
  forgetRule(id: string): void {
    for (const byTo of this.links.values()) for (const link of byTo.values()) link.queues.delete(id);
  }

  route(packet: Packet, nowMs: number): RouteDecision {
    const link = this.link(packet.from, packet.to);
    const c = link.counters;
    if (this.state.rules.length === 0 && this.state.blocked.size === 0) return this.routeIdle(link, nowMs);
    this.counters.add(c, 'sent');
    if (this.state.blocked.size > 0 && this.state.blocked.has(linkKey(packet.from, packet.to))) {
      this.counters.drop(c, 'partition');
      return { deliveries: [], dropReason: 'partition' };
    }
    let ruleId = '';
    let verdict: Verdict = PASS;
    if (this.state.rules.length > 0) {
      const ctx: JudgeContext = { nowMs, rng: link.rng, queue: () => queueOf(link, ruleId) };
      for (const r of this.state.rules) {
        if (!r.matches(packet.from, packet.to)) continue;
        ruleId = r.rule.id;
        verdict = judge(r.rule.fault, packet, ctx);
        if (verdict.kind !== 'pass') break;
      }
    }
    // Deliveries carry bytes only when they differ from what was sent: the simulator then never
    // has to encode a frame no rule looked at.
    const deliveries: Delivery[] = [];
    switch (verdict.kind) {
      case 'pass':
        deliveries.push({ delayMs: this.ordered(link, nowMs, this.base(link)) });
        break;
      case 'drop':
        this.counters.drop(c, verdict.reason);
        return { deliveries, dropReason: `${verdict.reason} (rule ${ruleId})` };
      case 'delay':
        this.counters.add(c, 'delayed');
        deliveries.push({ delayMs: this.ordered(link, nowMs, this.base(link) + verdict.extraMs) });
        break;
      case 'throttle':
        if (verdict.waitedMs > 0) this.counters.add(c, 'held');
        deliveries.push({ delayMs: this.ordered(link, nowMs, this.base(link) + verdict.extraMs) });
        break;
      case 'reorder':
        this.counters.add(c, 'reordered');
        deliveries.push({ delayMs: this.base(link) + verdict.extraMs });
        break;
      case 'corrupt':
        this.counters.add(c, 'corrupted');
        deliveries.push({ delayMs: this.ordered(link, nowMs, this.base(link)), bytes: verdict.bytes });
        break;
      case 'duplicate': {
        const first = this.ordered(link, nowMs, this.base(link));
        deliveries.push({ delayMs: first });
        for (let i = 0; i < verdict.copies; i++) deliveries.push({ delayMs: first + this.base(link) });
        this.counters.add(c, 'duplicated', verdict.copies);
        break;
      }
      default: {
        const never: never = verdict;
        throw new Error(`unhandled verdict ${String(never)}`);
      }
    }
    this.counters.add(c, 'delivered', deliveries.length);
    return { deliveries };
  }

  /** `LinkLayer.routeOnce`: the idle path's delay without a decision object, or -1 (nothing done) when rules or partitions exist. */
  routeOnce(packet: Packet, nowMs: number): number {
    if (this.state.rules.length !== 0 || this.state.blocked.size !== 0) return -1;
    return this.idleDelay(this.link(packet.from, packet.to), nowMs);
  }

  /**
   * The common case, kept cheap because every frame of a healthy network takes it: no rule and
   * no partition, so the frame is delivered once after base latency. Same draws and counts as the
   * general path; an on-time frame shares one immutable decision instead of allocating.
   */
  private routeIdle(link: LinkState, nowMs: number): RouteDecision {
    const delayMs = this.idleDelay(link, nowMs);
    return delayMs === 0 ? DELIVER_NOW : { deliveries: [{ delayMs }] };
  }

  /** Counts an idle-path frame and draws its delay. */
  private idleDelay(link: LinkState, nowMs: number): number {
    const c = link.counters;
    const total = this.counters.total;
    c.sent++;
    total.sent++;
    c.delivered++;
    total.delivered++;
    return this.ordered(link, nowMs, this.base(link));
  }

  private base(link: LinkState): number {
    return sample(this.baseLatency, link.rng);
  }

  /** Applies the FIFO horizon: the delay that makes this frame arrive no earlier than the last one. */
  private ordered(link: LinkState, nowMs: number, delayMs: number): number {
    if (!this.fifo) return delayMs;
    const arrival = Math.max(nowMs + delayMs, link.lastArrivalMs);
    link.lastArrivalMs = arrival;
    return arrival - nowMs;
  }

  private link(from: NodeId, to: NodeId): LinkState {
    // Two-level lookup: no key string is built per frame.
    let byTo = this.links.get(from);
    if (!byTo) {
      byTo = new Map();
      this.links.set(from, byTo);
    }
    let link = byTo.get(to);
    if (!link) {
      const key = linkKey(from, to);
      if (!this.rng) {
        throw new FaultlineError('network-not-attached', 'FaultNetwork has no random stream: pass an Rng to the constructor or use `network: net.attach`');
      }
      link = { rng: this.rng.derive(`link:${key}`), counters: this.counters.link(from, to), queues: new Map(), lastArrivalMs: -Infinity };
      byTo.set(to, link);
    }
    return link;
  }
}

function queueOf(link: LinkState, ruleId: string): BandwidthQueue {
  let q = link.queues.get(ruleId);
  if (!q) {
    q = new BandwidthQueue();
    link.queues.set(ruleId, q);
  }
  return q;
}
