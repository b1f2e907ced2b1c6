// A check worker thread: checks the partitions it is sent, one job at a time, with the same
// in-process check (checkOperations) the main thread runs. The main thread cancels a job by
// writing its number to its shared cancel slot; the job's clock then reads Infinity, so the check
// stops after its current search slice, as when its time budget runs out.
import { workerData } from 'node:worker_threads';
import { ModelInputError } from '../models/model.ts';
import { modelByName } from '../models/registry.ts';
import { checkOperations } from './check.ts';
import { toWire, type CheckJob, type CheckReply, type CheckWorkerData } from './check-worker-protocol.ts';

/** The time budget of a job that has none: only cancelling ends it. */
const CANCEL_ONLY_MS = 1e15;

const { port, cancel } = workerData as CheckWorkerData;

port.on('message', (job: CheckJob) => {
  port.postMessage(run(job));
});

function run(job: CheckJob): CheckReply {
  try {
    if (job.fault === 'exit') process.exit(3);
    if (job.fault === 'throw') throw new Error('injected check worker fault');
    const cancelled = () => Atomics.load(cancel, job.job % cancel.length) === job.job;
    const clock = () => (cancelled() ? Infinity : performance.now());
    const result = checkOperations(modelByName(job.model), job.ops, {
      // Without a budget, a far-off one still lets a cancelled job stop (its clock reads Infinity).
      timeoutMs: job.timeoutMs ?? CANCEL_ONLY_MS,
      startedAt: performance.now() - job.elapsedMs,
      clock,
      exhaustive: job.exhaustive,
      maxMemoryMb: job.maxMemoryMb,
      onKeyResult: (result) => port.postMessage({ t: 'key', job: job.job, result: toWire(result) } satisfies CheckReply),
    });
    return { t: 'result', job: job.job, perKey: result.perKey.map(toWire) };
  } catch (e) {
    const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
    return { t: 'error', job: job.job, message: e instanceof ModelInputError ? e.message : message, inputErrorOp: e instanceof ModelInputError ? e.op.id : undefined };
  }
}
