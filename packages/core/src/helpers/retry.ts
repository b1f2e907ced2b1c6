import type { AskOptions } from '../actor/context.ts';
import type { Address } from '../ids.ts';
import type { AskOutcome } from '../outcome.ts';
import type { Rng } from '../random/rng.ts';
import { backoffConfig, backoffDelay, type BackoffConfig } from './backoff.ts';
import { newRequestId, type RequestId } from './request-id.ts';

/** What a retrying ask needs: asks and sleeps in the runtime's time. An `ActorContext` and a `Cluster` both fit. */
export interface RetryVia {
  ask<R = unknown, M = unknown>(to: Address<M, R>, message: NoInfer<M>, options?: AskOptions): Promise<AskOutcome<R>>;
  sleep(ms: number): Promise<void>;
}

/** Options of {@link retryAsk}: backoff, the ask timeout, the seeded generator, and when to retry. */
export interface RetryOptions extends Partial<BackoffConfig> {
  /** Draws the request id and the jitter: `ctx.rng` in an actor, a derived generator in a driver. */
  readonly rng: Rng;
  /** Timeout of each attempt. */
  readonly timeoutMs?: number;
  /** Which outcomes are retried; default: only `unknown` (a definite failure or ok ends it). */
  readonly retryOn?: (outcome: AskOutcome<unknown>) => boolean;
  /** Called before each wait, e.g. to log: the retry about to happen (1-based), the outcome that caused it, the wait. */
  readonly onRetry?: (retry: number, outcome: AskOutcome<unknown>, delayMs: number) => void;
  /** Reuse this request id instead of drawing one (e.g. to resume a request after a restart). */
  readonly requestId?: RequestId;
}

/** Retries an outcome only when it is unknown: a definite failure means the other side did not act, and will not on a retry. */
export const retryUnknown = (outcome: AskOutcome<unknown>): boolean => outcome.status === 'unknown';

/**
 * Asks `to` until an outcome is not retried (default: until it is ok or a definite failure),
 * at most `attempts` times, waiting with exponential backoff and seeded jitter in between.
 * Every attempt carries the same request id, built into the message by `message(requestId)`,
 * so a server using `dedupe` acts on it once. Returns the last outcome.
 */
export async function retryAsk<R = unknown>(
  via: RetryVia,
  // The reply type comes from a typed address; the message is not checked (a callback's literal
  // return widens before TypeScript could check it against the address: `type: 'add'` as string).
  to: Address<unknown, R>,
  message: (requestId: RequestId) => unknown,
  options: RetryOptions,
): Promise<AskOutcome<R>> {
  const config = backoffConfig(options);
  const retryOn = options.retryOn ?? retryUnknown;
  const requestId = options.requestId ?? newRequestId(options.rng);
  const body = message(requestId);
  const askOptions: AskOptions | undefined = options.timeoutMs === undefined ? undefined : { timeoutMs: options.timeoutMs };
  for (let attempt = 1; ; attempt++) {
    const outcome = await via.ask(to, body, askOptions);
    if (attempt >= config.attempts || !retryOn(outcome)) return outcome;
    const delay = backoffDelay(config, attempt, options.rng);
    options.onRetry?.(attempt, outcome, delay);
    await via.sleep(delay);
  }
}
