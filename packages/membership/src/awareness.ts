/**
 * Lifeguard's local health multiplier (Dadgar et al. 2017, §IV-A; memberlist awareness.go): a
 * score in [0, max] that rises when this node shows signs of being the slow one (failed probes
 * with missing nacks, having to refute a suspicion) and falls with each successful probe.
 * Probe intervals and timeouts are stretched by (score + 1), so a struggling node accuses less.
 */
export class Awareness {
  private readonly max: number;
  private value = 0;

  constructor(max: number) {
    this.max = max;
  }

  /** The current score. */
  get score(): number {
    return this.value;
  }

  /** Adds `delta` (may be negative), clamped to [0, max]. */
  apply(delta: number): void {
    this.value = Math.min(this.max, Math.max(0, this.value + delta));
  }

  /** Stretches a timeout by the score: ms · (score + 1). */
  scale(ms: number): number {
    return ms * (this.value + 1);
  }
}
