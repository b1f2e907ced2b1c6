import { MessageChannel, Worker } from 'node:worker_threads';
import { watchProgress, withDeadline } from '../stall.ts';

/** One finished raw run: what the baseline workers measured. */
export interface RawThroughput {
  readonly messages: number;
  readonly seconds: number;
  readonly perSecond: number;
}

type Reply = Record<string, unknown>;

/** Longest a bare worker may take to start and say it is ready (ms). */
const READY_MS = 30_000;

/** Test hooks: a shorter stall interval, and a receiver that stops counting after this many messages (a stage forced to stall). */
export interface RawStallOptions {
  readonly stallMs?: number;
  readonly stopAfter?: number;
}

interface RawWorker {
  readonly worker: Worker;
  /** The worker's next message; rejects if the worker failed or exited first. */
  readonly next: () => Promise<Reply>;
}

function spawn(file: string, workerData: Record<string, unknown>, transfer: readonly unknown[]): RawWorker {
  const worker = new Worker(new URL(file, import.meta.url), { workerData, transferList: transfer as never });
  const queue: Reply[] = [];
  const waiting: Array<{ resolve: (r: Reply) => void; reject: (e: unknown) => void }> = [];
  let failure: unknown;
  const fail = (error: unknown) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(failure);
  };
  worker.on('message', (m: Reply) => {
    const w = waiting.shift();
    if (w) w.resolve(m);
    else queue.push(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the bare worker (${file}) exited with code ${code}`)));
  const next = () => new Promise<Reply>((resolve, reject) => {
    const m = queue.shift();
    if (m) resolve(m);
    else if (failure !== undefined) reject(failure);
    else waiting.push({ resolve, reject });
  });
  return { worker, next };
}

/** Waits for every bare worker to say it is ready, failing the stage named `stage` past READY_MS. */
function ready(stage: string, workers: readonly RawWorker[]): Promise<unknown> {
  return withDeadline(`${stage}: start`, Promise.all(workers.map((w) => w.next())), READY_MS, 'the bare workers were not ready');
}

/**
 * Raw batched MessagePort throughput between two bare workers: `n` msgpack `{ i }` messages, `chunk`
 * per turn. The receiver counts into shared memory, so a run whose receiver stops counting fails
 * within about two STALL_MS intervals, naming `stage`, instead of waiting for ever.
 */
export async function rawThroughput(n: number, chunk: number, stage = 'raw tell-throughput', options: RawStallOptions = {}): Promise<RawThroughput> {
  const { port1, port2 } = new MessageChannel();
  const progress = new Int32Array(new SharedArrayBuffer(4));
  const receiver = spawn('./throughput-worker.mjs', { role: 'receiver', port: port2, progress, stopAfter: options.stopAfter ?? Infinity }, [port2]);
  const sender = spawn('./throughput-worker.mjs', { role: 'sender', port: port1 }, [port1]);
  try {
    await ready(stage, [receiver, sender]);
    receiver.worker.postMessage({ expect: n });
    sender.worker.postMessage({ n, chunk });
    const run = Promise.all([sender.next(), receiver.next()]);
    const [started, done] = await watchProgress(stage, run, () => Atomics.load(progress, 0), (c) => `the raw receiver counted ${c} of ${n} messages`, options.stallMs);
    const seconds = ((done.doneAt as number) - (started.startAt as number)) / 1000;
    return { messages: n, seconds, perSecond: n / seconds };
  } finally {
    await Promise.all([receiver.worker.terminate(), sender.worker.terminate()]);
  }
}

/** Raw MessagePort ping-pong between two bare workers: every round trip's time in µs, sorted. Fails naming `stage` when the rounds stop. */
export async function rawRoundTrips(rounds: number, warmup: number, stage = 'raw ask-rtt', options: RawStallOptions = {}): Promise<Float64Array> {
  const { port1, port2 } = new MessageChannel();
  const progress = new Int32Array(new SharedArrayBuffer(4));
  const ponger = spawn('./rtt-worker.mjs', { role: 'ponger', port: port2, stopAfter: options.stopAfter ?? Infinity }, [port2]);
  const pinger = spawn('./rtt-worker.mjs', { role: 'pinger', port: port1, progress }, [port1]);
  try {
    await ready(stage, [ponger, pinger]);
    pinger.worker.postMessage({ rounds, warmup });
    const reply = await watchProgress(stage, pinger.next(), () => Atomics.load(progress, 0), (c) => `the raw pinger had ${c} of ${warmup + rounds} answers`, options.stallMs);
    const { samplesMs } = reply as { samplesMs: Float64Array };
    return samplesMs.map((ms) => ms * 1000).sort();
  } finally {
    await Promise.all([ponger.worker.terminate(), pinger.worker.terminate()]);
  }
}

/** The value at quantile `q` of sorted samples. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}
