import { availableParallelism, loadavg } from 'node:os';
import type { Operation } from '../history/operation.ts';
import type { Model, StateKey } from '../models/model.ts';
import { isModelName, modelByName, type ModelName } from '../models/registry.ts';
import { checkOperations, type CheckOptions } from './check.ts';
import { ParallelCheck, type Part } from './parallel-check.ts';
import type { CheckResult } from './result.ts';

export { injectCheckWorkerFault } from './parallel-check.ts';

/**
 * The worker pool's module, loaded the first time a check goes parallel: `node:worker_threads`
 * then stays out of every in-process check, the command line's start-up included.
 */
let pool: typeof import('./check-pool.ts') | undefined;

/** Ends the pool's idle workers (none were started if no check went parallel). */
export function closeCheckWorkers(): void {
  pool?.closeCheckWorkers();
}

/** Options for a parallel check. */
export interface ParallelCheckOptions extends CheckOptions {
  /**
   * Threads that check, the calling one included: 1 checks in-process; default: as many as
   * there are idle cores (`autoThreads`); never more than there are partitions.
   */
  workers?: number;
  /** Check in-process below this many operations (failed ones excluded); default PARALLEL_MIN_OPS. */
  minOps?: number;
}

/**
 * Histories with fewer operations (failed ones excluded) are checked in-process by default: below
 * it a whole check takes a few ms (kv corpus c10, 337 operations: ~1–5 ms), less than sending the
 * operations to a worker and back; c50 (1712 operations, 10 keys) takes ~100 ms in-process.
 */
export const PARALLEL_MIN_OPS = 1000;

/**
 * The threshold for a process that checks once and exits (`faultline check` with `--workers`
 * left to auto): it pays the worker's start and a second cold JIT, which outweigh halving a
 * check of the kv corpus's size (c50: 432–799 ms in-process against 712–2158 ms with a fresh
 * worker, cold processes on this 2-core machine), so only large histories go parallel.
 */
export const COLD_PARALLEL_MIN_OPS = 20_000;

/**
 * Checks like `checkOperations`, with independent partitions (keys) on worker threads at once,
 * as Porcupine checks partitions in goroutines. Partitions are dealt to threads largest first;
 * the calling thread checks its share too, and once done re-checks the largest partition still
 * open elsewhere (first answer wins: the search is deterministic). Same verdicts and per-key
 * results as in-process; which partitions are left unknown after an early violation may differ.
 * Checks in-process (and so resolves at once) when it cannot help: one thread or partition,
 * fewer than `minOps` operations, a model that is not a built-in one (a model object
 * cannot cross threads: workers take built-in models by name), or no worker entry shipped.
 * The memory budget (what is left of `budget`, else `maxMemoryMb`) is split evenly between the threads. A worker that fails leaves its
 * partitions `unknown` with the reason; one that overruns the time budget is terminated.
 */
export async function checkOperationsParallel<S extends StateKey, I, O>(
  model: Model<S, I, O>,
  ops: readonly Operation[],
  given: ParallelCheckOptions = {},
): Promise<CheckResult> {
  // The time budget counts from here, as the in-process check's does from its call.
  const options = { ...given, startedAt: given.startedAt ?? (given.clock ?? (() => performance.now()))() };
  const name = builtInName(model);
  const happened = ops.filter((op) => op.status !== 'fail');
  const threads = options.workers ?? autoThreads(availableParallelism(), loadavg()[0] ?? 0);
  if (name === undefined || threads < 2 || happened.length < (options.minOps ?? PARALLEL_MIN_OPS)) return checkOperations(model, ops, options);
  const parts: Part[] = model.partition(happened).map((group) => ({ key: group[0]?.key, ops: group }));
  if (parts.length < 2 || new Set(parts.map((p) => p.key)).size !== parts.length) return checkOperations(model, ops, options);
  pool ??= await import('./check-pool.ts');
  const workers = pool.checkWorkers(Math.min(threads, parts.length) - 1);
  if (workers === undefined) return checkOperations(model, ops, options);
  return new ParallelCheck(model, name, parts, workers, options).run();
}

/**
 * Threads worth using on `cores` cores at a one-minute load average of `load` (like `make -l`):
 * all cores, less one per unit of load beyond what this process's own two threads (this one and a
 * worker) may account for. Where other work keeps every core busy a worker only shares them: two
 * threads then checked no faster than one (the 2-core development machine at load 5–10: two spin
 * loops at once took 0.9–1.0× the time of one after the other), and paid for the copying.
 * Windows reports load 0: all cores.
 */
export function autoThreads(cores: number, load: number): number {
  return Math.max(1, Math.min(cores, Math.round(cores + 2 - Math.max(1, load))));
}

function builtInName<S extends StateKey, I, O>(model: Model<S, I, O>): ModelName | undefined {
  return isModelName(model.name) && (modelByName(model.name) as unknown) === model ? model.name : undefined;
}
