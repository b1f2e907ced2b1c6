/** setTimeout's largest delay: Node fires a longer one after 1 ms (with a TimeoutOverflowWarning). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** A timer that may outlast setTimeout's bound; cancel it with {@link clearLongTimeout}. */
export interface LongTimer {
  handle: NodeJS.Timeout;
}

/**
 * Runs `fn` after `delayMs` of real time, however long: a delay past MAX_TIMEOUT_MS is waited in
 * steps, so `WorkerCluster.sleep(2 ** 31 + 5)` waits as long as the simulator does (issue 21)
 * rather than returning after 1 ms. A negative delay runs at the next turn, as setTimeout's does.
 */
export function setLongTimeout(fn: () => void, delayMs: number): LongTimer {
  const due = performance.now() + delayMs;
  const timer: LongTimer = { handle: undefined as unknown as NodeJS.Timeout };
  const step = (): void => {
    const left = due - performance.now();
    timer.handle = left > MAX_TIMEOUT_MS ? setTimeout(step, MAX_TIMEOUT_MS) : setTimeout(fn, Math.max(0, left));
  };
  timer.handle = setTimeout(delayMs > MAX_TIMEOUT_MS ? step : fn, Math.min(Math.max(0, delayMs), MAX_TIMEOUT_MS));
  return timer;
}

/** Cancels a timer set with {@link setLongTimeout}. */
export function clearLongTimeout(timer: LongTimer): void {
  clearTimeout(timer.handle);
}
