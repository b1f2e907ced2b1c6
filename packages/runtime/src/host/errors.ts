import { ConfigError, FaultlineError, NotFoundError } from '@faultline/core';

/** `spawn` named an actor kind that no module in `WorkerClusterConfig.modules` exports. */
export class UnknownKindError extends FaultlineError {
  readonly kind: string;
  constructor(kind: string, modules: readonly string[]) {
    super(
      'unknown-kind',
      `no actor kind '${kind}' in the modules the workers load (${modules.length === 0 ? 'none' : modules.join(', ')}); ` +
        'add the module that exports its defineActor(...) definition to WorkerClusterConfig.modules',
    );
    this.kind = kind;
  }
}

/** A node's worker could not start: its modules failed to load, it died before it was ready, or it timed out. */
export class WorkerStartError extends FaultlineError {
  readonly node: string;
  readonly reason: string;
  /** How many of the cluster's nodes had started when this one failed (set by `WorkerCluster.start`). */
  readonly ready: { readonly nodes: number; readonly of: number } | undefined;
  constructor(node: string, reason: string, ready?: { nodes: number; of: number }) {
    super('worker-start-failed', `node ${node} failed to start: ${reason}${ready ? `; ${ready.nodes} of ${ready.of} nodes were ready` : ''}`);
    this.node = node;
    this.reason = reason;
    this.ready = ready;
  }

  /** The same failure, saying how many nodes of the cluster were ready when it happened. */
  withReadyCount(nodes: number, of: number): WorkerStartError {
    return new WorkerStartError(this.node, this.reason, { nodes, of });
  }
}

/** A control call reached a node that is down (crashed, exited, or died during the call). */
export class NodeDownError extends NotFoundError {
  readonly node: string;
  constructor(node: string, doing: string) {
    super(`node ${node} is down; cannot ${doing} (restart it first)`);
    this.node = node;
  }
}

/** A control call reached a node whose control plane does not answer (its event loop is stuck). */
export class NodeUnresponsiveError extends FaultlineError {
  readonly node: string;
  constructor(node: string, doing: string, silentForMs: number) {
    super('node-unresponsive', `node ${node} has not answered its heartbeat for ${Math.round(silentForMs)} ms (a handler stuck in a loop?); cannot ${doing}; crash it to end it`);
    this.node = node;
  }
}

/** An error as data: how failures cross the control channel without losing their type. */
export interface ErrorData {
  readonly name: string;
  readonly code: string;
  readonly message: string;
}

/** The answer of a control call that can fail in a way the caller should see typed. */
export type ControlResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorData };

/** Runs `fn` and turns a thrown error into data. */
export function captureResult<T>(fn: () => T): ControlResult<T> {
  try {
    return { ok: true, value: fn() };
  } catch (error) {
    return { ok: false, error: errorData(error) };
  }
}

/** Flattens an error into data that survives structured clone. */
export function errorData(error: unknown): ErrorData {
  if (error instanceof FaultlineError) return { name: error.name, code: error.code, message: error.message };
  if (error instanceof Error) return { name: error.name, code: 'internal', message: error.message };
  return { name: 'Error', code: 'internal', message: String(error) };
}

/** Returns the value of a result, or throws its error rebuilt as a FaultlineError with the same code and name. */
export function unwrapResult<T>(result: ControlResult<T>): T {
  if (result.ok) return result.value;
  const data = result.error;
  const error = data.code === 'not-found' ? new NotFoundError(data.message) : new FaultlineError(data.code, data.message);
  error.name = data.name;
  throw error;
}

/** Rethrows a structured-clone failure as a ConfigError naming what could not cross to a worker; other errors as they are. */
export function cloneFailure(field: string, value: unknown): (error: unknown) => never {
  return (error) => {
    if (error instanceof Error && error.name === 'DataCloneError') {
      throw new ConfigError(field, value, 'must survive structured clone to reach a worker (plain data: no functions, no class instances)');
    }
    throw error;
  };
}
