// A planted wrong solution of hlc-clock: stamps never go backwards on this node (a jump of the
// clock back is absorbed by the counter), but nothing is learnt from received stamps. Monotonic
// per node is not enough: a write at a node whose clock is behind still loses to an earlier write
// made elsewhere.

/** A write's timestamp: compared by t, then c, then node. */
export interface Stamp {
  readonly t: number;
  readonly c: number;
  readonly node: string;
}

export function createClock(node: string) {
  let t = 0;
  let c = 0;
  return {
    stamp(physicalMs: number): Stamp {
      if (physicalMs > t) [t, c] = [physicalMs, 0];
      else c++;
      return { t, c, node };
    },
    observe(_remote: Stamp, _physicalMs: number): void {
      // Forgot: the received stamp should move this clock forward.
    },
  };
}
