import type { NodeId } from '@faultline/core';
import type { CountersSnapshot } from '../observe/counters.ts';

/** One frame on a directed link, as the fault layer sees it. */
export interface Packet {
  readonly from: NodeId;
  readonly to: NodeId;
  /**
   * The encoded envelope. The simulator computes it lazily (encoding costs more than the rest
   * of a delivery), so read it only when a decision needs the content or size.
   */
  readonly bytes: Uint8Array;
}

/** One copy of a packet that will arrive, after `delayMs` of the runtime's time. */
export interface Delivery {
  readonly delayMs: number;
  /** Altered bytes (corruption); omit to deliver the packet as sent. */
  readonly bytes?: Uint8Array;
}

/** What the fault layer decided for one packet: zero (dropped), one, or several deliveries. */
export interface RouteDecision {
  readonly deliveries: readonly Delivery[];
  /** Why nothing was delivered, when nothing was. */
  readonly dropReason?: string;
}

/**
 * The seam between a runtime and the network model. Both runtimes call `route` once per
 * frame sent between two different nodes, at the sender, and schedule what it returns.
 */
export interface LinkLayer {
  route(packet: Packet, nowMs: number): RouteDecision;
  /**
   * Optional fast path for the commonest decision: when `route` would deliver the frame exactly once
   * and unchanged, does what `route` does (same draws, same counts) and returns that delivery's delay;
   * otherwise returns -1 having done nothing, and the runtime calls `route`. Saves allocating a
   * decision per frame on a healthy network.
   */
  routeOnce?(packet: Packet, nowMs: number): number;
  /**
   * Optional fast path: true while `route` would deliver every frame on every link at once and
   * unchanged (no rules, no partitions, zero latency). A runtime may then skip `route` for frames
   * it can send at once, and must report them with `countPassed` so counters stay true.
   */
  passThrough?(): boolean;
  /** Counts `frames` frames sent and delivered on from → to without being routed (see `passThrough`). */
  countPassed?(from: NodeId, to: NodeId, frames: number): void;
  /**
   * Counts a frame (or batch) that arrived on from → to and was refused as unauthentic by frame auth
   * (`reason`: missing-mac, bad-mac, unknown-sender, sender-mismatch). Called by the receiver; `from`
   * is the claimed sender, possibly no node of the cluster.
   */
  countRejected?(from: string, to: NodeId, reason: string): void;
  /** What this layer did to frames so far, per directed link and in total (a model that counts; `FaultNetwork` does). */
  counterSnapshot?(): CountersSnapshot;
}
