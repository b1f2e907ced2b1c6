import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { requireInteger } from '@faultline/core';
import { loadScenarios } from './load.ts';
import { ThreadPool } from './pool/thread-pool.ts';
import { handleSeedBatch, runSeedTask, type SeedBatch, type SeedOutcome, type SeedTask } from './seed-task.ts';
import type { Scenario } from './scenario.ts';

const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** How to check seeds of one test file: how many threads, and how many seeds go to a thread at once. */
export interface SeedRunnerOptions {
  readonly file: string;
  /** Threads, each with its own simulators; 1 runs in this thread. */
  readonly workers: number;
  /** Seeds per message to a thread (default 8): fewer messages and wake-ups per seed, at a coarser progress line. */
  readonly batch?: number;
}

/**
 * Runs seed tasks of one test file, in this thread or across a warm pool of worker threads. A
 * thread imports the test file once and then runs batch after batch, so a seed costs a simulator
 * run and nothing more; the outcome of a seed depends on the task alone, never on the thread, the
 * batch or the worker count. Reusable: `run` may be called again on the same warm threads.
 */
export class SeedRunner {
  readonly file: string;
  readonly workers: number;
  readonly batch: number;
  private readonly pool: ThreadPool<SeedBatch, SeedOutcome[]> | undefined;
  private scenarios: Promise<Scenario<unknown>[]> | undefined;

  constructor(options: SeedRunnerOptions) {
    this.file = resolve(options.file);
    this.workers = requireInteger('workers', options.workers, 1, 256);
    this.batch = requireInteger('batch', options.batch ?? 8, 1, 10_000);
    this.pool = this.workers > 1
      ? new ThreadPool({ threads: this.workers, handlerModule: new URL(`./seed-task${OWN_EXTENSION}`, import.meta.url).href, handlerExport: handleSeedBatch.name })
      : undefined;
  }

  /** Imports the test file in every thread (call before timing a run). */
  async warm(): Promise<void> {
    if (this.pool === undefined) { await this.load(); return; }
    const empty = (function* (n: number, file: string) { for (let i = 0; i < n; i++) yield { file, tasks: [] }; })(this.workers, this.fileUrl());
    await this.pool.map(empty, () => true);
  }

  /** Runs every task (pulled lazily, `batch` at a time per thread); `onOutcome` hears each, in completion order, and stops the run by returning false. */
  async run(tasks: Iterator<SeedTask>, onOutcome: (outcome: SeedOutcome) => boolean): Promise<void> {
    if (this.pool === undefined) {
      const scenarios = await this.load();
      for (let next = tasks.next(); next.done !== true; next = tasks.next()) if (!onOutcome(await runSeedTask(scenarios, next.value))) return;
      return;
    }
    const batch = this.batch;
    const file = this.fileUrl();
    const batches = (function* (): Generator<SeedBatch> {
      for (let done = false; !done;) {
        const chunk: SeedTask[] = [];
        while (chunk.length < batch) {
          const next = tasks.next();
          if (next.done === true) { done = true; break; }
          chunk.push(next.value);
        }
        if (chunk.length > 0) yield { file, tasks: chunk };
      }
    })();
    await this.pool.map(batches, (outcomes) => {
      for (const o of outcomes) if (!onOutcome(o)) return false;
      return true;
    });
  }

  /** Ends the threads. */
  async close(): Promise<void> {
    await this.pool?.close();
  }

  private load(): Promise<Scenario<unknown>[]> {
    this.scenarios ??= loadScenarios(this.file);
    return this.scenarios;
  }

  private fileUrl(): string {
    return pathToFileURL(this.file).pathname;
  }
}
