/** Bench stages that wait fail fast, naming the stage, instead of waiting out a long timeout (issue 27, item 1). */

/** A bench stage that stopped making progress: it fails at once, naming the stage, rather than waiting out a long timeout. */
export class BenchStallError extends Error {
  readonly stage: string;
  constructor(stage: string, detail: string) {
    super(`bench stage '${stage}' stalled: ${detail}`);
    this.name = 'BenchStallError';
    this.stage = stage;
  }
}

/** Longest a stage may go without progress (a sink counting one more message, a worker answering) before it fails (ms). */
export const STALL_MS = 10_000;

/** Resolves as `work` does, or rejects with a BenchStallError naming `stage` when it has not settled within `ms`. */
export function withDeadline<T>(stage: string, work: Promise<T>, ms: number = STALL_MS, what = 'no answer'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BenchStallError(stage, `${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * Resolves as `work` does while `progress()` keeps moving: every `stallMs` it is read again, and a
 * reading no higher than the last one rejects with a BenchStallError naming `stage` and what
 * `describe` says of the reading. A run that does not finish is thus caught within about two
 * intervals of its last progress, however long a healthy run of it may take.
 */
export function watchProgress<T>(stage: string, work: Promise<T>, progress: () => number, describe: (reading: number) => string, stallMs: number = STALL_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let last = progress();
  const stalled = new Promise<never>((_, reject) => {
    const check = () => {
      const now = progress();
      if (now <= last) return reject(new BenchStallError(stage, `${describe(now)} and no more in ${stallMs / 1000} s`));
      last = now;
      timer = setTimeout(check, stallMs);
    };
    timer = setTimeout(check, stallMs);
  });
  return Promise.race([work, stalled]).finally(() => clearTimeout(timer));
}
