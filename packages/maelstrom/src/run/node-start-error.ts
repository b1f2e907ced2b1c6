import { FaultlineError } from '@faultline/core';

/**
 * A node's program could not start: it exited, or did not answer `init` with `init_ok` within
 * Maelstrom's 10 s (db.clj throws `:init-failed` and the test aborts). Names the node and carries
 * the last lines of its stderr; the CLI reports it as a usage error (exit 64), never as a verdict.
 */
export class NodeStartError extends FaultlineError {
  readonly node: string;
  readonly reason: string;
  readonly stderrTail: readonly string[];

  constructor(node: string, reason: string, stderrTail: readonly string[], stderrLog: string | undefined) {
    const tail = stderrTail.length === 0
      ? 'it wrote nothing to stderr'
      : `the last lines of its stderr${stderrLog ? ` (all of it in ${stderrLog})` : ''}:\n${stderrTail.map((l) => `  | ${l}`).join('\n')}`;
    super('node-start', `node ${node} could not start: ${reason}; ${tail}`);
    this.node = node;
    this.reason = reason;
    this.stderrTail = stderrTail;
  }
}

/** `with code 1`, `by signal SIGSEGV`, or the spawn error. */
export function describeExit(code: number | null, signal: string | null): string {
  if (code !== null) return `with code ${code}`;
  if (signal !== null && signal.startsWith('spawn error')) return `(${signal})`;
  return `by signal ${signal ?? 'unknown'}`;
}
