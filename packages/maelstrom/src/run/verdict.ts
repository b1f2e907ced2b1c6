import type { CheckReport } from '../workloads/workload.ts';
import type { RunStats } from './stats.ts';

/** A node whose program ended without the harness asking. */
export interface NodeCrash {
  readonly node: string;
  /** How it ended: `with code 1`, `by signal SIGSEGV`. */
  readonly exit: string;
  /** Run time of the exit, ms. */
  readonly atMs: number;
  /** The last lines of its stderr. */
  readonly stderrTail: readonly string[];
}

/** Turns a report invalid, keeping an unknown's reason as a line. */
function invalid(check: CheckReport, anomaly: string, count: number, lines: readonly string[]): CheckReport {
  return {
    valid: false,
    anomalies: { ...check.anomalies, [anomaly]: count },
    lines: [...check.lines, ...(check.valid === 'unknown' ? [`(the checker alone said unknown: ${check.unknownReason})`] : []), ...lines],
    ...(check.extra ? { extra: check.extra } : {}),
  };
}

/** Maelstrom's `--availability`: too few successful operations make an otherwise valid run invalid. */
export function withAvailability(check: CheckReport, stats: RunStats, required: number | undefined): CheckReport {
  if (required === undefined || stats.availability >= required) return check;
  return invalid(check, 'availability', 1, [`availability: ${stats.availability} of operations succeeded, ${required} required`]);
}

/**
 * A node that exits on its own makes the run invalid: Maelstrom aborts such a test at teardown
 * (process.clj `stop-node!` throws "Node n1 crashed with exit status …" with its stdout and
 * stderr), so it is never valid; here the checker's findings are kept beside the crash.
 */
export function withCrashes(check: CheckReport, crashes: readonly NodeCrash[]): CheckReport {
  if (crashes.length === 0) return check;
  const lines = crashes.flatMap((c) => [
    `node-crashed: ${c.node} exited ${c.exit} at ${Math.round(c.atMs)} ms without being killed by the nemesis${c.stderrTail.length === 0 ? ' (nothing on stderr)' : '; the last lines of its stderr:'}`,
    ...c.stderrTail.slice(-10).map((l) => `  | ${l}`),
  ]);
  return invalid(check, 'node-crashed', crashes.length, lines);
}
