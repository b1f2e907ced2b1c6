import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { CheckJob, CheckReply, CheckWorkerData, WireKeyResult } from './check-worker-protocol.ts';

/** A job's final reply (not a partial `key` one). */
export type FinalReply = Exclude<CheckReply, { t: 'key' }>;

/** How a job ended: the worker's reply, or the worker failed (died, was terminated, never started). */
export type JobOutcome = { kind: 'reply'; reply: FinalReply } | { kind: 'failed'; reason: string };

interface PendingJob {
  resolve: (outcome: JobOutcome) => void;
  onKey: (result: WireKeyResult) => void;
}

/**
 * This module's URL; undefined in a CommonJS bundle (esbuild leaves `import.meta` empty there),
 * which finds its worker by `__filename` instead.
 */
const OWN_URL: string | undefined = typeof import.meta.url === 'string' ? import.meta.url : undefined;

/** How a check worker starts: the file the Worker runs and the entry the bootstrap imports. */
interface Launch {
  readonly file: URL;
  readonly entry: string;
  readonly sourceCondition: boolean;
}

/**
 * Where check workers start, or undefined (checks then run in-process) when no worker entry ships:
 * - from dist/: `check-worker.js` beside this module, started directly;
 * - from TypeScript sources (vitest, tsx): check-worker-bootstrap.mjs, which registers tsx, then
 *   imports check-worker.ts;
 * - from a CommonJS bundle of the command line: `check-worker.cjs` beside the bundle (a bundle of
 *   check-worker.ts), found by `__filename`.
 */
export function checkWorkerLaunch(): Launch | undefined {
  if (OWN_URL === undefined) {
    const file = typeof __filename === 'string' ? pathToFileURL(join(dirname(__filename), 'check-worker.cjs')) : undefined;
    return file !== undefined && existsSync(file) ? { file, entry: file.href, sourceCondition: false } : undefined;
  }
  const fromSource = OWN_URL.endsWith('.ts');
  const entry = new URL(fromSource ? './check-worker.ts' : './check-worker.js', OWN_URL);
  if (entry.protocol !== 'file:' || !existsSync(fileURLToPath(entry))) return undefined;
  if (!fromSource) return { file: entry, entry: entry.href, sourceCondition: false };
  return { file: new URL('./check-worker-bootstrap.mjs', OWN_URL), entry: entry.href, sourceCondition: true };
}

/** One worker thread of the pool: runs jobs in the order sent; unref'd while it has none. */
export class CheckWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly cancelSlot: Int32Array;
  private readonly pending = new Map<number, PendingJob>();
  private nextJob = 1;
  private failure: string | undefined;
  /** Why the worker is gone, once it is (undefined while it runs). */
  dead: string | undefined;

  constructor(launch: Launch) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.cancelSlot = new Int32Array(new SharedArrayBuffer(4 * CANCEL_SLOTS));
    const data: CheckWorkerData = { entry: launch.entry, sourceCondition: launch.sourceCondition, port: port2, cancel: this.cancelSlot };
    this.worker = new Worker(launch.file, { workerData: data, transferList: [port2], name: 'faultline check' });
    port1.on('message', (reply: CheckReply) => this.receive(reply));
    // After the listener: adding one refs the port. The worker is ref'd only while it has jobs.
    port1.unref();
    this.worker.unref();
    this.worker.on('error', (error) => {
      this.failure ??= `it threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    });
    this.worker.on('exit', (code) => {
      this.dead = this.failure ?? `it exited with code ${code}`;
      for (const job of [...this.pending.keys()]) this.settle(job, { kind: 'failed', reason: this.dead });
      port1.close();
    });
  }

  /**
   * Sends a job (its number is filled in); `onKey` gets each partition's result as it is decided;
   * resolves with the final reply or the worker's failure.
   */
  submit(job: Omit<CheckJob, 'job'>, onKey: (result: WireKeyResult) => void): { job: number; done: Promise<JobOutcome> } {
    const number = this.nextJob++;
    const done = new Promise<JobOutcome>((resolve) => {
      if (this.dead !== undefined) return resolve({ kind: 'failed', reason: this.dead });
      this.pending.set(number, { resolve, onKey });
      if (this.pending.size === 1) this.worker.ref();
      this.port.postMessage({ ...job, job: number } satisfies CheckJob);
    });
    return { job: number, done };
  }

  /** Takes replies that have arrived without waiting for the event loop (called between search slices). */
  poll(): void {
    for (let m = receiveMessageOnPort(this.port); m !== undefined; m = receiveMessageOnPort(this.port)) this.receive(m.message as CheckReply);
  }

  private receive(reply: CheckReply): void {
    if (reply.t === 'key') this.pending.get(reply.job)?.onKey(reply.result);
    else this.settle(reply.job, { kind: 'reply', reply });
  }

  /** Asks the worker to stop a job after its current search slice; it still replies (with unknowns). */
  cancel(job: number): void {
    if (this.pending.has(job)) Atomics.store(this.cancelSlot, job % CANCEL_SLOTS, job);
  }

  /** Ends the worker now, e.g. when it overran the time budget; its jobs fail with `reason`. */
  terminate(reason: string): void {
    this.failure ??= reason;
    void this.worker.terminate();
  }

  private settle(job: number, outcome: JobOutcome): void {
    const pending = this.pending.get(job);
    if (pending === undefined) return;
    this.pending.delete(job);
    if (this.pending.size === 0) this.worker.unref();
    pending.resolve(outcome);
  }
}

const pool: CheckWorker[] = [];

/** Cancel slots per worker: job n's is n % CANCEL_SLOTS, so up to this many jobs may be queued at once. */
const CANCEL_SLOTS = 64;

/**
 * `n` check workers from the process-wide pool, started on first use and reused by later checks;
 * they never keep the process alive while idle. Undefined when no worker entry ships (see checkWorkerLaunch).
 */
export function checkWorkers(n: number): CheckWorker[] | undefined {
  const launch = checkWorkerLaunch();
  if (launch === undefined) return undefined;
  for (let i = pool.length - 1; i >= 0; i--) if (pool[i]!.dead !== undefined) pool.splice(i, 1);
  while (pool.length < n) pool.push(new CheckWorker(launch));
  return pool.slice(0, n);
}

/** Ends every pool worker (a process that wants to exit at once, and tests); later checks start new ones. */
export function closeCheckWorkers(): void {
  for (const worker of pool.splice(0)) worker.terminate('the pool was closed');
}
