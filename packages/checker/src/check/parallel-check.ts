import type { Operation } from '../history/operation.ts';
import { ModelInputError, type Model, type StateKey } from '../models/model.ts';
import type { ModelName } from '../models/registry.ts';
import { checkOperations } from './check.ts';
import type { CheckWorker, JobOutcome } from './check-pool.ts';
import { fromWire, type CheckJob } from './check-worker-protocol.ts';
import { explain } from './explain.ts';
import { DEFAULT_MAX_MEMORY_MB, MemoryBudget } from './memory-budget.ts';
import type { ParallelCheckOptions } from './parallel.ts';
import { combineVerdicts, partitionLabel, type CheckResult, type KeyResult } from './result.ts';

const MIB = 1024 * 1024;

/** How long after the time budget a worker that has not answered is terminated. */
const OVERRUN_GRACE_MS = 500;

/** A far-off budget for a main-thread check without one, so that stopping it (clock → Infinity) still works. */
const CANCEL_ONLY_MS = 1e15;

/** Tests only: make every worker job of the next parallel checks fail this way. */
let injectedFault: CheckJob['fault'];

/** Tests only: makes worker jobs throw or their worker exit (undefined: no fault). */
export function injectCheckWorkerFault(fault: CheckJob['fault']): void {
  injectedFault = fault;
}

/** One partition: its key and its operations (failed ones left out). */
export interface Part {
  key: string | undefined;
  ops: Operation[];
}

/** Deals partitions to `bins` threads, largest first, each to the one with the fewest operations so far. */
function deal(parts: readonly Part[], bins: number): number[][] {
  const out: number[][] = Array.from({ length: bins }, () => []);
  const load = new Array<number>(bins).fill(0);
  const order = parts.map((_, i) => i).sort((a, b) => parts[b]!.ops.length - parts[a]!.ops.length || a - b);
  for (const i of order) {
    let bin = 0;
    for (let b = 1; b < bins; b++) if (load[b]! < load[bin]!) bin = b;
    out[bin]!.push(i);
    load[bin]! += parts[i]!.ops.length;
  }
  return out;
}

interface RunningJob {
  worker: CheckWorker;
  job: number;
  parts: number[];
  done: Promise<JobOutcome>;
  finished: boolean;
}

/** One parallel check: the partitions, who checks which, and the results as they come in. */
export class ParallelCheck<S extends StateKey, I, O> {
  private readonly clock: () => number;
  private readonly startedAt: number;
  private readonly deadline: number;
  private readonly shareMb: number;
  private readonly byKey = new Map<string | undefined, number>();
  private readonly results: (KeyResult | undefined)[];
  /** An unknown per partition, used when nobody decides it. */
  private readonly fallback: (KeyResult | undefined)[];
  private readonly jobs: RunningJob[] = [];
  private readonly recheckedHere = new Set<number>();
  private timeReason: string | undefined;
  private stopReason: string | undefined;
  private byId: Map<number, Operation> | undefined;
  /** A ModelInputError a worker met, rethrown once the check is over (as checkOperations throws it). */
  private inputError: ModelInputError | undefined;

  private readonly model: Model<S, I, O>;
  private readonly name: ModelName;
  private readonly parts: readonly Part[];
  private readonly workers: readonly CheckWorker[];
  private readonly options: ParallelCheckOptions;

  constructor(model: Model<S, I, O>, name: ModelName, parts: readonly Part[], workers: readonly CheckWorker[], options: ParallelCheckOptions) {
    this.model = model;
    this.name = name;
    this.parts = parts;
    this.workers = workers;
    this.options = options;
    this.clock = options.clock ?? (() => performance.now());
    this.startedAt = options.startedAt ?? this.clock();
    this.deadline = options.timeoutMs === undefined ? Infinity : this.startedAt + options.timeoutMs;
    const threads = workers.length + 1;
    // What is left of a given budget (the command line's has the operations it read charged), or maxMemoryMb.
    const totalMb = options.budget !== undefined ? (options.budget.limit - options.budget.used) / MIB : (options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB);
    this.shareMb = Math.max(1, Math.floor(totalMb / threads));
    parts.forEach((p, i) => this.byKey.set(p.key, i));
    this.results = parts.map(() => undefined);
    this.fallback = parts.map(() => undefined);
  }

  async run(): Promise<CheckResult> {
    const bins = deal(this.parts, this.workers.length + 1);
    // Workers first, so they work while this thread copies nothing and checks its own share.
    this.workers.forEach((worker, w) => this.send(worker, bins[w + 1]!));
    const watchdog = this.deadline === Infinity ? undefined : setTimeout(() => this.overrun(), this.deadline - this.clock() + OVERRUN_GRACE_MS);
    try {
      this.checkHere(bins[0]!);
      // Done with its share: re-check, largest first, partitions still open on a busy worker.
      for (;;) {
        this.pollAll();
        const open = this.openParts();
        if (open.length === 0 || this.stopReason !== undefined || this.clock() >= this.deadline) break;
        this.recheckedHere.add(open[0]!);
        this.checkHere([open[0]!]);
      }
      this.cancelFinishedJobs();
      if (this.stopReason === undefined && this.clock() >= this.deadline) {
        // Out of time: the workers stop at their next slice; waiting for them adds nothing.
        this.stopReason = this.timeReason ?? `the time budget of ${this.options.timeoutMs ?? 0} ms ran out`;
        for (const job of this.jobs) job.worker.cancel(job.job);
      }
      // Once stopped, cancelled jobs can add nothing: their partitions are unknown for the stop's reason.
      if (this.stopReason === undefined) await Promise.all(this.jobs.map((j) => j.done));
      else this.reapLater();
      if (this.inputError !== undefined) throw this.inputError;
    } catch (e) {
      for (const job of this.jobs) job.worker.cancel(job.job);
      throw e;
    } finally {
      clearTimeout(watchdog);
    }
    const perKey = this.parts.map(
      (p, i): KeyResult =>
        this.results[i] ??
        this.fallback[i] ?? { verdict: 'unknown', key: p.key, operations: p.ops.length, reason: this.stopReason ?? 'not searched' },
    );
    const verdict = combineVerdicts(perKey);
    return { verdict, perKey, explanation: explain(this.model, verdict, perKey, this.options.timeoutMs) };
  }

  private send(worker: CheckWorker, indices: readonly number[]): void {
    if (indices.length === 0) return;
    const job = worker.submit({
      t: 'check',
      model: this.name,
      ops: indices.flatMap((i) => this.parts[i]!.ops),
      timeoutMs: this.options.timeoutMs,
      elapsedMs: this.clock() - this.startedAt,
      exhaustive: this.options.exhaustive === true,
      maxMemoryMb: this.shareMb,
      ...(injectedFault === undefined ? {} : { fault: injectedFault }),
    }, (result) => this.take([fromWire(result, (id) => this.op(id))], false));
    const running: RunningJob = { worker, job: job.job, parts: [...indices], done: job.done, finished: false };
    running.done = job.done.then((outcome) => {
      running.finished = true;
      this.settle(running, outcome);
      return outcome;
    });
    this.jobs.push(running);
  }

  /** Checks partitions on this thread; its clock also takes worker replies and stops the check once it may. */
  private checkHere(indices: readonly number[]): void {
    const mine = new Set(indices);
    const clock = (): number => {
      this.pollAll();
      if (this.stopReason !== undefined || this.inputError !== undefined || [...mine].every((i) => this.results[i] !== undefined)) return Infinity;
      return this.clock();
    };
    const result = checkOperations(
      this.model,
      indices.flatMap((i) => this.parts[i]!.ops),
      {
        ...this.options,
        clock,
        startedAt: this.startedAt,
        timeoutMs: this.options.timeoutMs ?? CANCEL_ONLY_MS,
        maxMemoryMb: this.shareMb,
        budget: new MemoryBudget(this.shareMb * MIB),
        onKeyResult: (result) => this.take([result], false),
      },
    );
    if (this.clock() >= this.deadline) {
      // The in-process check's own words for a budget that ran out, to give every open partition.
      const open = result.perKey.find((k): k is Extract<KeyResult, { verdict: 'unknown' }> => k.verdict === 'unknown');
      this.timeReason ??= open?.reason;
    }
    this.take(result.perKey, this.stopReason !== undefined, indices);
  }

  /** Records per-key results from any thread: the first decided one per partition wins. */
  private take(perKey: readonly KeyResult[], cancelled: boolean, parts: readonly number[] = []): void {
    for (const result of perKey) {
      const i = this.byKey.get(result.key);
      if (i === undefined) {
        // An unknown for the whole job (it stopped before forming partitions): it stands for each of them.
        if (result.verdict === 'unknown') for (const j of parts) this.fallback[j] ??= { ...result, key: this.parts[j]!.key, operations: this.parts[j]!.ops.length };
        continue;
      }
      if (this.results[i] !== undefined) continue;
      if (result.verdict === 'unknown') {
        // A cancelled job's unknowns are only "stopped": say why the check stopped, if it did.
        if (!cancelled || this.stopReason === undefined) this.fallback[i] ??= result;
        continue;
      }
      this.results[i] = result;
      if (result.verdict === 'not-linearizable' && this.options.exhaustive !== true && this.stopReason === undefined) {
        this.stopReason = `not searched to the end: ${partitionLabel(result.key)} already shows the history is not linearizable`;
        for (const job of this.jobs) job.worker.cancel(job.job);
      }
    }
    this.cancelFinishedJobs();
  }

  private settle(job: RunningJob, outcome: JobOutcome): void {
    const { model } = this;
    if (outcome.kind === 'failed' || outcome.reply.t === 'error') {
      const reply = outcome.kind === 'reply' && outcome.reply.t === 'error' ? outcome.reply : undefined;
      if (reply?.inputErrorOp !== undefined) {
        const error = new ModelInputError(model.name, this.op(reply.inputErrorOp), '');
        error.message = reply.message;
        this.inputError ??= error;
      }
      const why = outcome.kind === 'failed' ? outcome.reason : outcome.reply.t === 'error' ? outcome.reply.message : '';
      for (const i of job.parts) {
        const p = this.parts[i]!;
        this.fallback[i] ??= { verdict: 'unknown', key: p.key, operations: p.ops.length, reason: `its check worker thread failed: ${firstLine(why)}` };
      }
      return;
    }
    const cancelled = this.stopReason !== undefined;
    this.take(outcome.reply.perKey.map((r) => fromWire(r, (id) => this.op(id))), cancelled, job.parts);
  }

  private op(id: number): Operation {
    if (this.byId === undefined) this.byId = new Map(this.parts.flatMap((p) => p.ops.map((op): [number, Operation] => [op.id, op])));
    const op = this.byId.get(id);
    if (op === undefined) throw new Error(`a check worker named operation #${id}, which is not in the history`);
    return op;
  }

  private pollAll(): void {
    for (const worker of this.workers) worker.poll();
  }

  /**
   * Partitions worth re-checking here, largest first: undecided ones of worker jobs that still
   * have two or more open (the worker splits its time between them; one left alone it finishes
   * sooner than a fresh start here), and not already re-checked here.
   */
  private openParts(): number[] {
    const open = new Set<number>();
    for (const job of this.jobs) {
      if (job.finished) continue;
      const undecided = job.parts.filter((i) => this.results[i] === undefined && !this.recheckedHere.has(i));
      if (undecided.length >= 2) for (const i of undecided) open.add(i);
    }
    return [...open].sort((a, b) => this.parts[b]!.ops.length - this.parts[a]!.ops.length || a - b);
  }

  /** Stops worker jobs whose partitions are all decided already. */
  private cancelFinishedJobs(): void {
    for (const job of this.jobs) {
      if (!job.finished && job.parts.every((i) => this.results[i] !== undefined)) job.worker.cancel(job.job);
    }
  }

  /**
   * After an early return, cancelled jobs still hold their workers (and so the process) until they
   * answer, which takes one search slice; a worker that has not answered within the grace is ended.
   */
  private reapLater(): void {
    const timer = setTimeout(() => {
      for (const job of this.jobs) if (!job.finished) job.worker.terminate(`it did not stop within ${OVERRUN_GRACE_MS} ms of being cancelled, so it was terminated`);
    }, OVERRUN_GRACE_MS);
    timer.unref();
    void Promise.all(this.jobs.map((j) => j.done)).then(() => clearTimeout(timer));
  }

  /** The time budget is over and a worker has still not answered: end it. */
  private overrun(): void {
    for (const job of this.jobs) {
      if (!job.finished) job.worker.terminate(`it did not stop within ${OVERRUN_GRACE_MS} ms of the end of the time budget, so it was terminated`);
    }
  }
}


function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
