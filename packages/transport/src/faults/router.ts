import { FaultlineError, sample, type Distribution, type NodeId, type Rng } from '@faultline/core';
import type { Delivery, Packet, RouteDecision } from './link-layer.ts';
import { linkKey } from './nodes.ts';
import type { NetworkState } from './network-state.ts';
import { judge, type JudgeContext } from './judge.ts';
import { BandwidthQueue } from './bandwidth-queue.ts';
import { PASS, type Verdict } from './verdict.ts';
import type { LinkCounters, NetworkCounters } from '../observe/counters.ts';

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
  private readonly links = new Map<string, LinkState>();
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

  /** Drops the queues a removed rule kept. */
  forgetRule(id: string): void {
    for (const link of this.links.values()) link.queues.delete(id);
  }

  route(packet: Packet, nowMs: number): RouteDecision {
    const link = this.link(packet.from, packet.to);
    const c = link.counters;
    this.counters.add(c, 'sent');
    if (this.state.blocked.size > 0 && this.state.blocked.has(linkKey(packet.from, packet.to))) {
      this.counters.drop(c, 'partition');
      return { deliveries: [], dropReason: 'partition' };
    }
    let ruleId = '';
    const ctx: JudgeContext = { nowMs, rng: link.rng, queue: () => queueOf(link, ruleId) };
    let verdict: Verdict = PASS;
    for (const r of this.state.rules) {
      if (!r.matches(packet.from, packet.to)) continue;
      ruleId = r.rule.id;
      verdict = judge(r.rule.fault, packet, ctx);
      if (verdict.kind !== 'pass') break;
    }
    const base = (): number => sample(this.baseLatency, link.rng);
    const deliveries: Delivery[] = [];
    switch (verdict.kind) {
      case 'pass':
        deliveries.push({ delayMs: this.ordered(link, nowMs, base()), bytes: packet.bytes });
        break;
      case 'drop':
        this.counters.drop(c, verdict.reason);
        return { deliveries, dropReason: `${verdict.reason} (rule ${ruleId})` };
      case 'delay':
        this.counters.add(c, 'delayed');
        deliveries.push({ delayMs: this.ordered(link, nowMs, base() + verdict.extraMs), bytes: packet.bytes });
        break;
      case 'throttle':
        if (verdict.waitedMs > 0) this.counters.add(c, 'held');
        deliveries.push({ delayMs: this.ordered(link, nowMs, base() + verdict.extraMs), bytes: packet.bytes });
        break;
      case 'reorder':
        this.counters.add(c, 'reordered');
        deliveries.push({ delayMs: base() + verdict.extraMs, bytes: packet.bytes });
        break;
      case 'corrupt':
        this.counters.add(c, 'corrupted');
        deliveries.push({ delayMs: this.ordered(link, nowMs, base()), bytes: verdict.bytes });
        break;
      case 'duplicate': {
        const first = this.ordered(link, nowMs, base());
        deliveries.push({ delayMs: first, bytes: packet.bytes });
        for (let i = 0; i < verdict.copies; i++) {
          deliveries.push({ delayMs: first + sample(this.baseLatency, link.rng), bytes: packet.bytes });
        }
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

  /** Applies the FIFO horizon: the delay that makes this frame arrive no earlier than the last one. */
  private ordered(link: LinkState, nowMs: number, delayMs: number): number {
    if (!this.fifo) return delayMs;
    const arrival = Math.max(nowMs + delayMs, link.lastArrivalMs);
    link.lastArrivalMs = arrival;
    return arrival - nowMs;
  }

  private link(from: NodeId, to: NodeId): LinkState {
    const key = linkKey(from, to);
    let link = this.links.get(key);
    if (!link) {
      if (!this.rng) {
        throw new FaultlineError('network-not-attached', 'FaultNetwork has no random stream: pass an Rng to the constructor or use `network: net.attach`');
      }
      link = { rng: this.rng.derive(`link:${key}`), counters: this.counters.link(from, to), queues: new Map(), lastArrivalMs: -Infinity };
      this.links.set(key, link);
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
