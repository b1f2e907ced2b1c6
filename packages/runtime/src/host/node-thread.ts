import { isMainThread, workerData } from 'node:worker_threads';
import { FaultlineError } from '@faultline/core';

/**
 * A cluster was started inside a faultline node's worker thread. A worker imports every module in
 * `WorkerClusterConfig.modules` to find its actor definitions, so a script that lists itself there
 * and starts a cluster at top level would start clusters inside every node, recursively.
 */
export class ClusterInNodeError extends FaultlineError {
  /** What was started: `WorkerCluster.start` or `new Simulation`. */
  readonly what: string;
  /** The node whose worker thread tried it. */
  readonly node: string;
  constructor(what: string, node: string) {
    super(
      'cluster-in-node',
      `${what} was called inside node ${node}'s worker thread, while it imported its actor modules ` +
        '(WorkerClusterConfig.modules): a module a worker imports must only define actors. Keep start-up code ' +
        'in a module of its own that imports the actors, or guard it: `if (!isNodeWorker()) await main();`',
    );
    this.what = what;
    this.node = node;
  }
}

/** Set in a NATS node process (a whole process that is one node): it imports actor modules as a worker does. */
let processNode: string | undefined;

/** Marks this process as faultline node `node` (the NATS runtime's node processes), before its actor modules load. */
export function markNodeProcess(node: string): void {
  processNode = node;
}

/** Undoes `markNodeProcess(node)` when that node's agent closes (an agent hosted in a process that goes on, e.g. a test's). */
export function unmarkNodeProcess(node: string): void {
  if (processNode === node) processNode = undefined;
}

/** The node a faultline worker thread (or NATS node process) hosts, or undefined anywhere else (the driver's, a test's). */
export function currentWorkerNode(): string | undefined {
  if (processNode !== undefined) return processNode;
  if (isMainThread) return undefined;
  const data = workerData as { faultlineNode?: unknown; node?: unknown } | null | undefined;
  return data?.faultlineNode === true && typeof data.node === 'string' ? data.node : undefined;
}

/** True inside a faultline node's worker thread: there, modules are imported for their actor definitions only. */
export function isNodeWorker(): boolean {
  return currentWorkerNode() !== undefined;
}

/** Throws ClusterInNodeError when called inside a node's worker thread: clusters are started by the driver program only. */
export function refuseInsideNode(what: string): void {
  const node = currentWorkerNode();
  if (node !== undefined) throw new ClusterInNodeError(what, node);
}

/** True for a ClusterInNodeError, also one that crossed a thread boundary (name and code survive; the class does not). */
export function isClusterInNode(error: unknown): error is { code: 'cluster-in-node'; what: string; message: string } {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'cluster-in-node';
}
