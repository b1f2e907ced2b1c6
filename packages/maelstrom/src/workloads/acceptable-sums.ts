/**
 * The set of totals a counter may read at the end: the sum of the acknowledged adds plus any
 * subset of the indeterminate (`info`) adds. Kept as sorted, disjoint, closed integer ranges,
 * merged when they touch, as Maelstrom's `pn_counter.clj` does with a Guava `TreeRangeSet` of
 * open ranges `(lower-1, upper+1)` (`acceptable-range`, `checker`).
 */
export class AcceptableSums {
  private ranges: [number, number][];

  constructor(definite: number) {
    this.ranges = [[definite, definite]];
  }

  /** Either the add of `delta` happened or it did not: the set becomes S ∪ (S + delta). */
  addMaybe(delta: number): void {
    if (delta === 0) return;
    const shifted = this.ranges.map(([lo, hi]): [number, number] => [lo + delta, hi + delta]);
    const all = [...this.ranges, ...shifted].sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const r of all) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    this.ranges = merged;
  }

  /** Whether `value` is one of the acceptable totals. */
  contains(value: number): boolean {
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [a, b] = this.ranges[mid]!;
      if (value < a) hi = mid - 1;
      else if (value > b) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** The ranges, e.g. `[[4, 9]]`, for the report (Maelstrom's `:acceptable`). */
  toJSON(): number[][] {
    return this.ranges.map(([lo, hi]) => [lo, hi]);
  }
}
