import type { ClockStamps } from '../envelope.ts';
import { HybridLogicalClock } from '../clock/hlc.ts';
import { checkHlcTimestamp, type HlcTimestamp } from '../clock/hlc-timestamp.ts';
import { LamportClock } from '../clock/lamport.ts';
import { vcIncrement, vcMerge, type VectorClock } from '../clock/vector-clock.ts';

/** Which logical clocks a node keeps and stamps on every envelope. */
export interface StampingConfig {
  /** Vector clocks grow with the number of nodes, so they are opt-in. Default false. */
  readonly vector?: boolean;
  /**
   * Refuse messages whose HLC is further ahead of this node's clock than this (ms); Infinity never
   * refuses. Default {@link DEFAULT_HLC_MAX_OFFSET_MS}.
   */
  readonly hlcMaxOffsetMs?: number;
}

/**
 * The default HLC max offset: 60 s. Far above any clock error the presets and the nemesis make
 * (`ntpWan` about 50 ms, nemesis offsets up to 500 ms, 1000 ppm drift over a 10-minute run = 600 ms),
 * so honest skew is never refused; finite, so one corrupted or absurd stamp (days ahead) is refused
 * and counted instead of dragging every node's HLC forward with it.
 */
export const DEFAULT_HLC_MAX_OFFSET_MS = 60_000;

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
    this.hlcClock = new HybridLogicalClock(() => Math.max(0, physicalNow()), {
      maxOffsetMs: config.hlcMaxOffsetMs ?? DEFAULT_HLC_MAX_OFFSET_MS,
      // A send must never throw because of clock state: past 65,535 events in one ms, l carries.
      onCounterOverflow: 'carry',
    });
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
    const lamport = this.lamportClock.next();
    const hlc = this.hlcClock.tick();
    if (this.vc === undefined) return { lamport, hlc };
    this.vc = vcIncrement(this.vc, this.node);
    return { lamport, hlc, vc: this.vc };
  }

  /** Merges a received envelope's stamps; throws HlcClockSkewError if its HLC is too far ahead. */
  observe(stamps: ClockStamps): void {
    if (stamps.hlc !== undefined) checkHlcTimestamp(stamps.hlc, 'NodeClocks.observe');
    this.observeValid(stamps);
  }

  /** `observe` of stamps that passed the inbound check (`envelopeProblem`), which checked their HLC already. */
  observeValid(stamps: ClockStamps): void {
    if (stamps.hlc !== undefined) this.hlcClock.mergeValid(stamps.hlc);
    if (stamps.lamport !== undefined) this.lamportClock.merge(stamps.lamport);
    if (this.vc !== undefined && stamps.vc !== undefined) this.vc = vcIncrement(vcMerge(this.vc, stamps.vc), this.node);
  }
}
