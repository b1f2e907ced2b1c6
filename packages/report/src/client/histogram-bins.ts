/** Histogram buckets: centres, counts, and whether the buckets are logarithmic. */
export interface HistogramBins {
  readonly centers: number[];
  readonly counts: number[];
  readonly log: boolean;
}

/**
 * Buckets fitting the data: linear over [min, max] when the values span less than a decade,
 * else logarithmic (equal ratios), so a CP register's 2 ms answers and 300 ms quorum timeouts
 * do not all fall into the first bucket of a linear 0–300 ms axis. At most 40 buckets.
 */
export function histogramBins(values: readonly number[]): HistogramBins {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  const bins = Math.min(40, Math.max(5, Math.ceil(Math.sqrt(values.length))));
  if (values.length === 0) return { centers: [], counts: [], log: false };
  const floor = Math.max(min, 1e-3);
  const log = max / floor > 10;
  const counts = new Array<number>(bins).fill(0);
  if (log) {
    const a = Math.log(floor);
    const step = (Math.log(max) - a) / bins;
    for (const v of values) {
      const b = Math.min(bins - 1, Math.max(0, Math.floor((Math.log(Math.max(v, floor)) - a) / step)));
      counts[b] = (counts[b] as number) + 1;
    }
    return { centers: counts.map((_, i) => Math.exp(a + (i + 0.5) * step)), counts, log };
  }
  const lo = max - min < 1e-3 ? Math.max(0, min - 0.5) : min;
  const size = Math.max(max - lo, 1e-3) / bins;
  for (const v of values) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / size)));
    counts[b] = (counts[b] as number) + 1;
  }
  return { centers: counts.map((_, i) => lo + (i + 0.5) * size), counts, log };
}
