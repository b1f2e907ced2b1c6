import type { NodeId } from '@faultline/core';
import type { Awareness } from './awareness.ts';
import type { MembershipConfig } from './config.ts';
import type { Deadlines } from './deadlines.ts';
import type { WireMessage } from './messages.ts';

/** What the prober needs from the state machine around it. */
export interface ProbeHost {
  readonly self: NodeId;
  readonly config: MembershipConfig;
  readonly awareness: Awareness;
  readonly deadlines: Deadlines;
  now(): number;
  /** Sends a protocol message; the host fills in the piggybacked updates. */
  send(to: NodeId, message: WireMessage): void;
  /** The next member to probe, with its incarnation now, or undefined when there is none. */
  nextTarget(): { node: NodeId; incarnation: number } | undefined;
  /** Up to `k` members that may relay a probe of `target`. */
  pickRelays(target: NodeId, k: number): NodeId[];
  probeSucceeded(target: NodeId): void;
  /** The probe of `target`, started at `incarnation`, got no ack directly nor through relays. */
  probeFailed(target: NodeId, incarnation: number): void;
  log(message: string, data?: unknown): void;
}

interface Probe {
  readonly seq: number;
  readonly target: NodeId;
  readonly incarnation: number;
  acked: boolean;
  expectedNacks: number;
  nacks: number;
}

/**
 * SWIM's failure detector for one node (Das et al. 2002, §3.1, with Lifeguard's nacks, §IV-A):
 * each protocol period pings one member; with no ack after the probe timeout, asks k relays to
 * ping it; with no ack by the end of the period, reports the probe failed. Also serves relay
 * requests from other nodes.
 */
export class Prober {
  private readonly host: ProbeHost;
  private seq = 0;
  private probe: Probe | undefined;
  private readonly relays = new Map<number, { requester: NodeId; seq: number }>();

  constructor(host: ProbeHost) {
    this.host = host;
  }

  /** The `probe` deadline, due at `at`: judges the previous probe and starts the next period. */
  onPeriod(at: number): void {
    const h = this.host;
    const now = h.now();
    const previous = this.probe;
    this.probe = undefined;
    if (previous && !previous.acked) {
      if (now - at > h.config.probeIntervalMs) {
        // Our own timers ran late (paused, starved): the silence says more about us than the target.
        h.awareness.apply(1);
        h.log('probe abandoned: this node stalled', { target: previous.target, lateMs: now - at });
      } else {
        h.awareness.apply(previous.expectedNacks > 0 ? previous.expectedNacks - previous.nacks : 1);
        h.probeFailed(previous.target, previous.incarnation);
      }
    }
    h.deadlines.set({ kind: 'probe' }, now + h.awareness.scale(h.config.probeIntervalMs));
    const target = h.nextTarget();
    if (!target) return;
    const seq = ++this.seq;
    this.probe = { seq, target: target.node, incarnation: target.incarnation, acked: false, expectedNacks: 0, nacks: 0 };
    h.send(target.node, { type: 'ping', seq, target: target.node, updates: [] });
    h.deadlines.set({ kind: 'probe-timeout' }, now + h.awareness.scale(h.config.probeTimeoutMs));
  }

  /** The `probe-timeout` deadline: the direct ping went unanswered, so ask relays. */
  onProbeTimeout(): void {
    const p = this.probe;
    if (!p || p.acked) return;
    const relays = this.host.pickRelays(p.target, this.host.config.indirectChecks);
    p.expectedNacks = relays.length;
    for (const relay of relays) this.host.send(relay, { type: 'ping-req', seq: p.seq, target: p.target, updates: [] });
  }

  onPing(from: NodeId, seq: number, target: NodeId): void {
    if (target !== this.host.self) return; // meant for an earlier owner of this name
    this.host.send(from, { type: 'ack', seq, updates: [] });
  }

  onPingReq(from: NodeId, seq: number, target: NodeId): void {
    const mine = ++this.seq;
    this.relays.set(mine, { requester: from, seq });
    this.host.send(target, { type: 'ping', seq: mine, target, updates: [] });
    this.host.deadlines.set({ kind: 'relay', seq: mine }, this.host.now() + this.host.config.probeTimeoutMs);
  }

  onAck(seq: number): void {
    const relay = this.relays.get(seq);
    if (relay) {
      this.relays.delete(seq);
      this.host.deadlines.clear({ kind: 'relay', seq });
      this.host.send(relay.requester, { type: 'ack', seq: relay.seq, updates: [] });
      return;
    }
    const p = this.probe;
    if (!p || p.seq !== seq || p.acked) return;
    p.acked = true;
    this.host.deadlines.clear({ kind: 'probe-timeout' });
    this.host.awareness.apply(-1);
    this.host.probeSucceeded(p.target);
  }

  onNack(seq: number): void {
    if (this.probe?.seq === seq) this.probe.nacks++;
  }

  /** The `relay` deadline: the target did not answer our relayed ping; tell the requester we tried. */
  onRelayTimeout(seq: number): void {
    const relay = this.relays.get(seq);
    if (!relay) return;
    this.relays.delete(seq);
    this.host.send(relay.requester, { type: 'nack', seq: relay.seq, updates: [] });
  }

  /** Forgets the probe in flight and every relay (the node goes quiet). */
  reset(): void {
    this.probe = undefined;
    this.relays.clear();
  }
}
