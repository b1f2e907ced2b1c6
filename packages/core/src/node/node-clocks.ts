import type { ClockStamps } from '../envelope.ts';
import { HybridLogicalClock } from '../clock/hlc.ts';
import type { HlcTimestamp } from '../clock/hlc-timestamp.ts';
import { LamportClock } from '../clock/lamport.ts';
import { vcIncrement, vcMerge, type VectorClock } from '../clock/vector-clock.ts';

/** Which logical clocks a node keeps and stamps on every envelope. */
export interface StampingConfig {
  /** Vector clocks grow with the number of nodes, so they are opt-in. Default false. */
  readonly vector?: boolean;
  /** Reject messages whose HLC is further ahead of this node's clock than this (ms). Default: never. */
  readonly hlcMaxOffsetMs?: number;
}

/** A read-only view of a node's logical clocks, for actors that want to show or use them. */
export interface LogicalClocks {
  /** The node's Lamport time (last event). */
  readonly lamport: number;
  /** The node's hybrid logical clock (last event). */
  readonly hlc: HlcTimestamp;
  /** The node's vector clock, when vector stamping is on. */
  readonly vector: VectorClock | undefined;
}

/**
 * A node's logical clocks: every send ticks them and stamps the envelope; every receive merges
 * the sender's stamps. Lamport and HLC always; vector clocks when configured.
 */
export class NodeClocks implements LogicalClocks {
  private readonly lamportClock: LamportClock;
  private readonly hlcClock: HybridLogicalClock;
  private vc: VectorClock | undefined;
  private readonly node: string;

  constructor(node: string, physicalNow: () => number, config: StampingConfig = {}) {
    this.node = node;
    this.lamportClock = new LamportClock(node);
    this.hlcClock = new HybridLogicalClock(() => Math.max(0, physicalNow()), { maxOffsetMs: config.hlcMaxOffsetMs ?? Infinity });
    this.vc = config.vector ? {} : undefined;
  }

  get lamport(): number {
    return this.lamportClock.time;
  }

  get hlc(): HlcTimestamp {
    return this.hlcClock.last;
  }

  get vector(): VectorClock | undefined {
    return this.vc;
  }

  /** Ticks for a send and returns the stamps to put on the envelope. */
  stampSend(): ClockStamps {
    const lamport = this.lamportClock.tick().time;
    const hlc = this.hlcClock.tick();
    if (this.vc === undefined) return { lamport, hlc };
    this.vc = vcIncrement(this.vc, this.node);
    return { lamport, hlc, vc: this.vc };
  }

  /** Merges a received envelope's stamps; throws HlcClockSkewError if its HLC is too far ahead. */
  observe(stamps: ClockStamps): void {
    if (stamps.hlc !== undefined) this.hlcClock.receive(stamps.hlc);
    if (stamps.lamport !== undefined) this.lamportClock.receive({ time: stamps.lamport });
    if (this.vc !== undefined && stamps.vc !== undefined) this.vc = vcIncrement(vcMerge(this.vc, stamps.vc), this.node);
  }
}
