/**
 * Maelstrom's defaults, each read from its source (jepsen-io/maelstrom at cb7f072, and the
 * `jepsen.cli` options it builds on), so a command without a flag means what Maelstrom means.
 */
export const MAELSTROM_DEFAULTS = {
  /** How long clients run operations: `jepsen.cli` `--time-limit` default 60 s. */
  timeLimitMs: 60_000,
  /** Operations per second over all clients: core.clj `--rate` default 5. */
  rate: 5,
  /** Client connections per node: `jepsen.cli` `--concurrency` default `1n`. */
  concurrencyPerNode: 1,
  /** Client request timeout: client.clj `default-timeout` 5000 ms (an unanswered request is `info`). */
  timeoutMs: 5000,
  /** Wait after the faults heal before the final reads: core.clj `(gen/sleep 10)` after the nemesis' final generator. */
  recoveryMs: 10_000,
  /** Mean time between nemesis operations: core.clj `--nemesis-interval` default 10 s. */
  nemesisIntervalMs: 10_000,
  /** How long a node may take to answer `init`: db.clj `client/rpc!` of `init` with 10000 ms; a node that does not is a failed setup. */
  initTimeoutMs: 10_000,
  /** Mean one-way latency between nodes: core.clj `--latency` default 0 ms, `--latency-dist` `constant`. */
  latencyMs: 0,
  /** Nodes `n0`…: `jepsen.cli` runs five nodes by default. */
  nodeCount: 5,
  /** Most micro-operations per transaction: core.clj `--max-txn-length` default 4. */
  maxTxnLength: 4,
  /** Most writes to one key (txn and kafka key rotation): core.clj `--max-writes-per-key` default 16. */
  maxWritesPerKey: 16,
} as const;

/** The settings a run uses: each option given, or Maelstrom's default. */
export interface EffectiveSettings {
  readonly concurrency: number;
  readonly timeoutMs: number;
  readonly recoveryMs: number;
  readonly nemesisIntervalMs: number;
  readonly latencyMs: number;
  readonly initTimeoutMs: number;
}

/** Fills every unset option with Maelstrom's default. */
export function effectiveSettings(o: {
  readonly nodeCount: number; readonly concurrency?: number; readonly timeoutMs?: number; readonly recoveryMs?: number;
  readonly nemesisIntervalMs?: number; readonly latencyMs?: number; readonly initTimeoutMs?: number;
}): EffectiveSettings {
  const d = MAELSTROM_DEFAULTS;
  return {
    concurrency: o.concurrency ?? d.concurrencyPerNode * o.nodeCount,
    timeoutMs: o.timeoutMs ?? d.timeoutMs,
    recoveryMs: o.recoveryMs ?? d.recoveryMs,
    nemesisIntervalMs: o.nemesisIntervalMs ?? d.nemesisIntervalMs,
    latencyMs: o.latencyMs ?? d.latencyMs,
    initTimeoutMs: o.initTimeoutMs ?? d.initTimeoutMs,
  };
}
