import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { ConfigError, requireInteger } from '@faultline/core';

const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** How to make a pool: how many threads, and which exported function of which module each thread runs. */
export interface ThreadPoolOptions {
  readonly threads: number;
  /** File URL of the module holding the handler; the parent names it, so no message can make a thread load code. */
  readonly handlerModule: string;
  readonly handlerExport: string;
}

/** A task's failure inside a pool thread. */
export class PoolTaskError extends Error {
  readonly detail: string;

  constructor(detail: string) {
    super(`a pool thread failed a task: ${detail}`);
    this.detail = detail;
    this.name = 'PoolTaskError';
  }
}

/** `auto`: one thread per core, at least one. */
export function resolveThreads(spec: string | number): number {
  if (spec === 'auto') return Math.max(1, availableParallelism());
  const n = typeof spec === 'number' ? spec : Number(spec);
  if (typeof spec === 'string' && !/^\d+$/.test(spec)) throw new ConfigError('--workers', spec, 'must be a whole number ≥ 1 or auto');
  return requireInteger('--workers', n, 1, 256);
}

interface Slot { worker: Worker; ready: Promise<void>; busy: boolean }

/**
 * Worker threads that each run one handler call at a time (one simulator per thread); `map` hands
 * inputs out as threads come free, so a slow task never holds up the others. Generic: the seed
 * runner is one user; a demo's sweep can be another.
 */
export class ThreadPool<I, O> {
  private readonly slots: Slot[] = [];
  private nextId = 0;

  constructor(options: ThreadPoolOptions) {
    const threads = requireInteger('threads', options.threads, 1, 256);
    const entry = new URL(`./pool-worker${OWN_EXTENSION}`, import.meta.url).href;
    for (let i = 0; i < threads; i++) {
      const worker = new Worker(new URL('./bootstrap.mjs', import.meta.url), {
        workerData: { entry, sourceCondition: OWN_EXTENSION === '.ts', handlerModule: options.handlerModule, handlerExport: options.handlerExport },
        name: `faultline pool ${i}`,
      });
      const ready = new Promise<void>((res, rej) => {
        const onMessage = (m: { ready?: boolean }) => { if (m.ready) { worker.off('message', onMessage); worker.off('error', rej); res(); } };
        worker.on('message', onMessage);
        worker.once('error', rej);
      });
      this.slots.push({ worker, ready, busy: false });
    }
  }

  get threads(): number {
    return this.slots.length;
  }

  /** Runs `inputs` (pulled lazily, in order) across the threads; `onOutput` hears each result; stops pulling when it returns false. */
  async map(inputs: Iterator<I>, onOutput: (output: O, input: I) => boolean | void): Promise<void> {
    let stop = false;
    const drive = async (slot: Slot) => {
      await slot.ready;
      for (;;) {
        if (stop) return;
        const next = inputs.next();
        if (next.done === true) return;
        const output = await this.call(slot, next.value);
        if (onOutput(output, next.value) === false) stop = true;
      }
    };
    await Promise.all(this.slots.map(drive));
  }

  /** Ends every thread. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private call(slot: Slot, input: I): Promise<O> {
    const id = this.nextId++;
    return new Promise<O>((res, rej) => {
      const onMessage = (m: { id: number; ok: boolean; output?: O; error?: string }) => {
        if (m.id !== id) return;
        slot.worker.off('message', onMessage);
        slot.worker.off('error', onError);
        if (m.ok) res(m.output as O);
        else rej(new PoolTaskError(m.error ?? 'unknown error'));
      };
      const onError = (e: Error) => { slot.worker.off('message', onMessage); rej(e); };
      slot.worker.on('message', onMessage);
      slot.worker.once('error', onError);
      slot.worker.postMessage({ id, input });
    });
  }
}
