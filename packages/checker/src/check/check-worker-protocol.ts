import type { MessagePort } from 'node:worker_threads';
import type { Operation } from '../history/operation.ts';
import type { ModelName } from '../models/registry.ts';
import type { KeyResult } from './result.ts';

/** One job for a check worker: check these operations (whole partitions) against a built-in model. */
export interface CheckJob {
  readonly t: 'check';
  /** The job's number on this worker (never 0); cancelling writes it to the worker's cancel slot. */
  readonly job: number;
  readonly model: ModelName;
  /** The operations of the partitions to check, failed ones already left out. */
  readonly ops: readonly Operation[];
  /** The check's time budget in ms (undefined: no limit). */
  readonly timeoutMs: number | undefined;
  /** How much of the time budget had passed when the job was sent. */
  readonly elapsedMs: number;
  readonly exhaustive: boolean;
  /** This job's share of the check's memory budget. */
  readonly maxMemoryMb: number;
  /** Tests only: make the worker fail this job (`throw`) or die (`exit`). */
  readonly fault?: 'throw' | 'exit';
}

/** A per-key result as it crosses back: operations named by id (the main thread holds the objects). */
export type WireKeyResult =
  | Exclude<KeyResult, { verdict: 'not-linearizable' }>
  | {
      verdict: 'not-linearizable';
      key: string | undefined;
      operations: number;
      counterexample: { prefix: number[]; state: string; stuck: number[]; due: number | undefined; why?: { id: number; text: string }[] };
    };

/**
 * What a worker answers to a job: each partition's result as soon as it is decided (`key`), then
 * all per-key results (`result`), or why it could not check (`error`).
 */
export type CheckReply =
  | { readonly t: 'key'; readonly job: number; readonly result: WireKeyResult }
  | { readonly t: 'result'; readonly job: number; readonly perKey: WireKeyResult[] }
  | {
      readonly t: 'error';
      readonly job: number;
      readonly message: string;
      /** Set when the model rejected an operation (ModelInputError): its id, so the main thread can rethrow. */
      readonly inputErrorOp: number | undefined;
    };

/** What a check worker is started with. */
export interface CheckWorkerData {
  /** The worker module the bootstrap imports (running from TypeScript sources). */
  readonly entry: string;
  /** Whether @faultline/* must resolve to their sources (the `@faultline/source` condition). */
  readonly sourceCondition: boolean;
  /** Jobs arrive and replies leave on this port. */
  readonly port: MessagePort;
  /** Job n is cancelled once slot n % length holds n: the worker reads it between search slices. */
  readonly cancel: Int32Array;
}

/** Converts a per-key result for the wire: counterexample operations become their ids. */
export function toWire(result: KeyResult): WireKeyResult {
  if (result.verdict !== 'not-linearizable') return result;
  const { prefix, state, stuck, due, why } = result.counterexample;
  const ids = (list: readonly Operation[]) => list.map((op) => op.id);
  return { ...result, counterexample: { prefix: ids(prefix), state, stuck: ids(stuck), due: due?.id, ...(why ? { why } : {}) } };
}

/** Converts a per-key result back, looking operations up by id. */
export function fromWire(result: WireKeyResult, byId: (id: number) => Operation): KeyResult {
  if (result.verdict !== 'not-linearizable') return result;
  const { prefix, state, stuck, due, why } = result.counterexample;
  return {
    ...result,
    counterexample: { prefix: prefix.map(byId), state, stuck: stuck.map(byId), due: due === undefined ? undefined : byId(due), ...(why ? { why } : {}) },
  };
}
