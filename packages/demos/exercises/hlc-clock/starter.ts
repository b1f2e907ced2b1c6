// Exercise hlc-clock (docs/05-clocks.md). Copy this file, edit it, and check it:
//   pnpm faultline exercise hlc-clock --check YOUR-FILE.ts
// Today a write is stamped with this node's wall clock. A node whose clock is behind stamps a
// later write below an earlier one, and last-writer-wins then keeps the older value.

/** A write's timestamp: compared by t, then c, then node. */
export interface Stamp {
  readonly t: number;
  readonly c: number;
  readonly node: string;
}

export function createClock(node: string) {
  return {
    /** The stamp of a write made on this node now (physicalMs: this node's clock, ctx.now()). */
    stamp(physicalMs: number): Stamp {
      return { t: physicalMs, c: 0, node };
    },
    /** A write from another node arrived with this stamp. */
    observe(_remote: Stamp, _physicalMs: number): void {
      // TODO: what does this node learn from a stamp it receives?
    },
  };
}
