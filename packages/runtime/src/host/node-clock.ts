import { applyClockFault, createRng, PhysicalClock, type ClockConfig, type ClockFault } from '@faultline/core';

/** A clock fault with the true cluster time it took effect: enough to rebuild the clock anywhere. */
export interface AppliedClockFault {
  readonly fault: ClockFault;
  readonly atTrueMs: number;
}

/**
 * The cluster's true time in ms since its start, readable in any thread: every thread gets the
 * controller's start instant (epoch ms) and measures from it with its own high-resolution clock.
 */
export function clusterTime(originEpochMs: number): () => number {
  const base = performance.timeOrigin - originEpochMs;
  return () => base + performance.now();
}

/** The current epoch time in ms at high resolution: what `clusterTime` measures from. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * One node's physical clock over real time, as the simulator models it: a PhysicalClock (offset,
 * drift, correction) whose random draws come from `clock:<node>` of the run's seed, with every fault
 * replayed in order. The controller keeps a replica (for `clockOf`); the worker keeps the one actors
 * read. A clock without config or faults reads true time directly (the common, fast case).
 */
export class NodeClock {
  private readonly trueNow: () => number;
  private physical: PhysicalClock | undefined;
  private lastTrueMs = -Infinity;

  constructor(trueNow: () => number, seed: number, node: string, config: ClockConfig | undefined, faults: readonly AppliedClockFault[] = []) {
    this.trueNow = trueNow;
    if (config !== undefined) {
      const random = createRng(seed).derive(`clock:${node}`);
      this.physical = new PhysicalClock(config, () => random.next());
    }
    for (const f of faults) this.apply(f.fault, f.atTrueMs);
  }

  /** The node's reading in ms. */
  read(): number {
    const t = this.trueNow();
    if (this.physical === undefined) return t;
    this.lastTrueMs = t;
    return this.physical.read(t);
  }

  /** Applies a fault at `atTrueMs` (or now, if the clock has been read since); returns when it applied. */
  apply(fault: ClockFault, atTrueMs = this.trueNow()): number {
    this.physical ??= new PhysicalClock({ offsetMs: 0, driftPpm: 0 });
    const at = Math.max(atTrueMs, this.lastTrueMs);
    applyClockFault(this.physical, fault, at);
    this.lastTrueMs = at;
    return at;
  }
}
