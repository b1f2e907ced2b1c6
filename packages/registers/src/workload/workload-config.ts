import { requireInteger, requireNumber, ConfigError } from '@faultline/core';

/** How the clients behave: Jepsen-style processes, each with at most one operation in flight. */
export interface WorkloadConfig {
  /** Concurrent client processes; process p talks to node p mod N. */
  readonly processes: number;
  /** Keys operated on (each key is an independent register). */
  readonly keys: readonly string[];
  /** Stop issuing new operations after this much of the runtime's time. */
  readonly durationMs: number;
  /** Mean pause between one process's operations (exponential), in ms. */
  readonly meanThinkMs: number;
  /** Fraction of operations that are reads; the rest are writes. */
  readonly readFraction: number;
  /** Ask timeout: no reply by then and the operation is recorded as `info` (unknown). */
  readonly timeoutMs: number;
  /** The replicas' actor name on every node. */
  readonly actorName: string;
}

/** Defaults sized for a demo: 10 processes, 3 keys, 5 s, half reads. */
export const DEFAULT_WORKLOAD: WorkloadConfig = {
  processes: 10,
  keys: ['x', 'y', 'z'],
  durationMs: 5_000,
  meanThinkMs: 50,
  readFraction: 0.5,
  timeoutMs: 500,
  actorName: 'register',
};

/** Fills defaults and validates, naming the bad field. */
export function workloadConfig(partial: Partial<WorkloadConfig> = {}): WorkloadConfig {
  const c = { ...DEFAULT_WORKLOAD, ...partial };
  requireInteger('workload.processes', c.processes, 1, 10_000);
  if (!Array.isArray(c.keys) || c.keys.length === 0) throw new ConfigError('workload.keys', c.keys, 'must be a non-empty list');
  requireNumber('workload.durationMs', c.durationMs, 0);
  requireNumber('workload.meanThinkMs', c.meanThinkMs, 0);
  requireNumber('workload.readFraction', c.readFraction, 0, 1);
  requireNumber('workload.timeoutMs', c.timeoutMs, Number.MIN_VALUE);
  if (typeof c.actorName !== 'string' || c.actorName === '') throw new ConfigError('workload.actorName', c.actorName, 'must be a non-empty string');
  return c;
}
