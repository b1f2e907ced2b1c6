// Reference solution of hlc-clock: a hybrid logical clock (Kulkarni, Demirbas et al., "Logical
// Physical Clocks", 2014, figure 5). t is the largest physical time seen, here or in a received
// stamp; c counts events at that t. Every stamp is above every stamp this node has seen, so a
// write that follows another (its node received the first) always wins; and t stays close to the
// physical clock.

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
    observe(remote: Stamp, physicalMs: number): void {
      const top = Math.max(t, remote.t, physicalMs);
      if (top === t && top === remote.t) c = Math.max(c, remote.c) + 1;
      else if (top === t) c++;
      else if (top === remote.t) c = remote.c + 1;
      else c = 0;
      t = top;
    },
  };
}
