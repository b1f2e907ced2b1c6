/** One benchmark figure, always reported against a baseline measured in the same run. */
export interface BenchResult {
  /** Stable benchmark name, e.g. `tell-throughput`. */
  name: string;
  /** The measured figure for faultline. */
  value: number;
  /** Unit of `value` and `baseline`, e.g. `msg/s`, `µs`, `ms`. */
  unit: string;
  /** The raw baseline measured in the same run, same unit. */
  baseline: number;
  /** What the baseline is, in a few words. */
  baselineName: string;
  /** value / baseline for rates; baseline / value is NOT used: always value / baseline. */
  ratio: number;
  /** Target, in words (e.g. `ratio >= 0.7`), when the issue states one. */
  target?: string;
  /** Whether the target was met, when there is one. */
  met?: boolean;
}
