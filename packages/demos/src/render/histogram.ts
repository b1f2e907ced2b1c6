/** Bucket edges in ms for latency histograms: doubling widths, as latency tails are read. */
export const LATENCY_EDGES_MS: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128];

/**
 * A text histogram of `values`: one row per bucket `[edge_i, edge_i+1)` (plus under and over),
 * each with its count, share and a bar scaled to the largest bucket.
 */
export function renderHistogram(values: readonly number[], edges: readonly number[] = LATENCY_EDGES_MS, width = 40): string[] {
  const bounds = [0, ...edges, Infinity];
  const counts = bounds.slice(1).map(() => 0);
  for (const v of values) {
    let i = 0;
    while (i < counts.length - 1 && v >= (bounds[i + 1] as number)) i++;
    counts[i] = (counts[i] as number) + 1;
  }
  const most = Math.max(1, ...counts);
  return counts.map((count, i) => {
    const lo = bounds[i] as number;
    const hi = bounds[i + 1] as number;
    const label = hi === Infinity ? `>= ${lo} ms` : `${lo}-${hi} ms`;
    const bar = '#'.repeat(Math.round((count / most) * width));
    const share = values.length === 0 ? 0 : (100 * count) / values.length;
    return `${label.padStart(12)} ${String(count).padStart(7)} ${share.toFixed(1).padStart(5)}% ${bar}`.trimEnd();
  });
}

/** The q-quantile (0..1) of values by the nearest-rank method. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
