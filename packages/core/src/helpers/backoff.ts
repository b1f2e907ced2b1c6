import { requireInteger, requireNumber, requireOneOf } from '../validate.ts';
import type { Rng } from '../random/rng.ts';

/** How a backoff delay is randomized: `full` draws from [0, d], `equal` from [d/2, d], `none` waits d. */
export type Jitter = 'full' | 'equal' | 'none';

/** The jitter choices, for validation and docs. */
export const JITTERS: readonly Jitter[] = ['full', 'equal', 'none'];

/** Exponential backoff: the wait before retry n (1-based) is min(maxDelayMs, baseDelayMs · factor^(n-1)), then jittered. */
export interface BackoffConfig {
  /** Attempts in all, the first included (≥ 1). */
  readonly attempts: number;
  /** The wait before the first retry, before jitter. */
  readonly baseDelayMs: number;
  /** The cap on any one wait, before jitter. */
  readonly maxDelayMs: number;
  /** Growth per retry (≥ 1). */
  readonly factor: number;
  /** How waits are randomized; `full` spreads retries of many clients best (AWS architecture blog, 2015). */
  readonly jitter: Jitter;
}

/** Defaults: 5 attempts, waits of about 50, 100, 200, 400 ms (full jitter), none over 2 s. */
export const DEFAULT_BACKOFF: BackoffConfig = { attempts: 5, baseDelayMs: 50, maxDelayMs: 2000, factor: 2, jitter: 'full' };

/** Fills in defaults and validates, naming the field at fault. */
export function backoffConfig(partial: Partial<BackoffConfig> = {}): BackoffConfig {
  const c = { ...DEFAULT_BACKOFF, ...partial };
  requireInteger('attempts', c.attempts, 1, 1_000_000);
  requireNumber('baseDelayMs', c.baseDelayMs, 0);
  requireNumber('maxDelayMs', c.maxDelayMs, c.baseDelayMs);
  requireNumber('factor', c.factor, 1);
  requireOneOf('jitter', c.jitter, JITTERS);
  return c;
}

/** The wait before retry `retry` (1 = the first retry), drawn from `rng`. */
export function backoffDelay(config: BackoffConfig, retry: number, rng: Rng): number {
  const ceiling = Math.min(config.maxDelayMs, config.baseDelayMs * config.factor ** (retry - 1));
  switch (config.jitter) {
    case 'full':
      return rng.next() * ceiling;
    case 'equal':
      return ceiling / 2 + (rng.next() * ceiling) / 2;
    case 'none':
      return ceiling;
    default: {
      const never: never = config.jitter;
      throw new Error(`unknown jitter ${String(never)}`);
    }
  }
}
