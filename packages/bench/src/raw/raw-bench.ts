import { MessageChannel, Worker } from 'node:worker_threads';

/** One finished raw run: what the baseline workers measured. */
export interface RawThroughput {
  readonly messages: number;
  readonly seconds: number;
  readonly perSecond: number;
}

type Reply = Record<string, unknown>;

function spawn(file: string, workerData: Record<string, unknown>, transfer: readonly unknown[]): { worker: Worker; next: () => Promise<Reply> } {
  const worker = new Worker(new URL(file, import.meta.url), { workerData, transferList: transfer as never });
  const queue: Reply[] = [];
  const waiting: Array<{ resolve: (r: Reply) => void; reject: (e: unknown) => void }> = [];
  let failure: unknown;
  worker.on('message', (m: Reply) => {
    const w = waiting.shift();
    if (w) w.resolve(m);
    else queue.push(m);
  });
  worker.on('error', (error) => {
    failure = error;
    for (const w of waiting.splice(0)) w.reject(error);
  });
  const next = () => new Promise<Reply>((resolve, reject) => {
    const m = queue.shift();
    if (m) resolve(m);
    else if (failure !== undefined) reject(failure);
    else waiting.push({ resolve, reject });
  });
  return { worker, next };
}

/** Raw batched MessagePort throughput between two bare workers: `n` msgpack `{ i }` messages, `chunk` per turn. */
export async function rawThroughput(n: number, chunk: number): Promise<RawThroughput> {
  const { port1, port2 } = new MessageChannel();
  const receiver = spawn('./throughput-worker.mjs', { role: 'receiver', port: port2 }, [port2]);
  const sender = spawn('./throughput-worker.mjs', { role: 'sender', port: port1 }, [port1]);
  try {
    await Promise.all([receiver.next(), sender.next()]);
    receiver.worker.postMessage({ expect: n });
    sender.worker.postMessage({ n, chunk });
    const [started, done] = await Promise.all([sender.next(), receiver.next()]);
    const seconds = ((done.doneAt as number) - (started.startAt as number)) / 1000;
    return { messages: n, seconds, perSecond: n / seconds };
  } finally {
    await Promise.all([receiver.worker.terminate(), sender.worker.terminate()]);
  }
}

/** Raw MessagePort ping-pong between two bare workers: every round trip's time in µs, sorted. */
export async function rawRoundTrips(rounds: number, warmup: number): Promise<Float64Array> {
  const { port1, port2 } = new MessageChannel();
  const ponger = spawn('./rtt-worker.mjs', { role: 'ponger', port: port2 }, [port2]);
  const pinger = spawn('./rtt-worker.mjs', { role: 'pinger', port: port1 }, [port1]);
  try {
    await Promise.all([ponger.next(), pinger.next()]);
    pinger.worker.postMessage({ rounds, warmup });
    const { samplesMs } = (await pinger.next()) as { samplesMs: Float64Array };
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
