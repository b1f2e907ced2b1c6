import { requireInteger, requireNumber, requireOneOf } from '../validate.ts';

/** What happens to an actor whose handler threw. */
export type SupervisionAction = 'restart' | 'stop' | 'escalate';

/** How an actor's failures are handled. Restart with exponential backoff is the default. */
export interface SupervisionPolicy {
  readonly onFailure: SupervisionAction;
  /** First restart delay; doubles (by `factor`) per consecutive failure up to `maxBackoffMs`. */
  readonly minBackoffMs: number;
  readonly maxBackoffMs: number;
  readonly factor: number;
  /** More than this many failures within `windowMs` escalates instead of restarting. */
  readonly maxRestarts: number;
  readonly windowMs: number;
}

/** Default: restart after 10 ms, doubling to 1 s; 10 failures within 10 s escalate (as Erlang's intensity). */
export const DEFAULT_SUPERVISION: SupervisionPolicy = {
  onFailure: 'restart',
  minBackoffMs: 10,
  maxBackoffMs: 1000,
  factor: 2,
  maxRestarts: 10,
  windowMs: 10_000,
};

/** Fills defaults and validates a partial policy. */
export function supervisionPolicy(partial: Partial<SupervisionPolicy> = {}): SupervisionPolicy {
  const p = { ...DEFAULT_SUPERVISION, ...partial };
  requireOneOf('supervision.onFailure', p.onFailure, ['restart', 'stop', 'escalate']);
  requireNumber('supervision.minBackoffMs', p.minBackoffMs, 0);
  requireNumber('supervision.maxBackoffMs', p.maxBackoffMs, p.minBackoffMs);
  requireNumber('supervision.factor', p.factor, 1);
  requireInteger('supervision.maxRestarts', p.maxRestarts, 0);
  requireNumber('supervision.windowMs', p.windowMs, 0);
  return p;
}

/** Tracks one actor's recent failures and decides the next action and backoff. */
export class RestartTracker {
  private readonly policy: SupervisionPolicy;
  private failures: number[] = [];
  private consecutive = 0;

  constructor(policy: SupervisionPolicy) {
    this.policy = policy;
  }

  /** Records a failure at `now` and says what to do, with the delay for a restart. */
  onFailure(now: number): { action: SupervisionAction; backoffMs: number } {
    const p = this.policy;
    if (p.onFailure !== 'restart') return { action: p.onFailure, backoffMs: 0 };
    this.failures = this.failures.filter((t) => now - t < p.windowMs);
    this.failures.push(now);
    if (this.failures.length > p.maxRestarts) return { action: 'escalate', backoffMs: 0 };
    const backoffMs = Math.min(p.maxBackoffMs, p.minBackoffMs * Math.pow(p.factor, this.consecutive));
    this.consecutive++;
    return { action: 'restart', backoffMs };
  }

  /** Called when the actor handled a message without failing: the backoff resets. */
  onSuccess(): void {
    this.consecutive = 0;
  }
}
