import type { ActorContext, Address, TimerId } from '@faultline/core';

/** How a quorum call ended: enough replies, or not enough before the deadline. */
export type QuorumResult<R> =
  | { readonly status: 'quorum'; readonly replies: readonly R[] }
  | { readonly status: 'short'; readonly replies: readonly R[]; readonly reason: string };

/** Options of one quorum round. */
export interface QuorumCallOptions {
  /** Replies needed (e.g. a majority). */
  readonly need: number;
  /** Give up after this long (the node's clock). */
  readonly deadlineMs: number;
  /** Re-send to replicas that have not answered this often: messages get lost. */
  readonly retryMs: number;
}

/**
 * Sends one idempotent request to every replica and resolves as soon as `need` of them answered
 * ok — the heart of every quorum protocol. Requests are re-sent to silent replicas every
 * `retryMs` (so they must be idempotent); definite failures count against the quorum.
 */
export function quorumCall<R>(ctx: ActorContext, replicas: readonly Address[], request: unknown, options: QuorumCallOptions): Promise<QuorumResult<R>> {
  return new Promise((resolve) => {
    const replies = new Map<string, R>();
    const refused = new Set<string>();
    let done = false;
    let retryTimer: TimerId | undefined;
    const finish = (result: QuorumResult<R>) => {
      if (done) return;
      done = true;
      ctx.cancelTimer(deadline);
      if (retryTimer !== undefined) ctx.cancelTimer(retryTimer);
      resolve(result);
    };
    const ask = (replica: Address) => {
      void ctx.ask<R>(replica, request, { timeoutMs: options.retryMs }).then((outcome) => {
        if (done) return;
        if (outcome.status === 'ok') replies.set(replica.node, outcome.value);
        else if (outcome.status === 'failed') refused.add(replica.node);
        if (replies.size >= options.need) finish({ status: 'quorum', replies: [...replies.values()] });
        else if (replicas.length - refused.size < options.need) {
          finish({ status: 'short', replies: [...replies.values()], reason: `${refused.size} of ${replicas.length} replicas refused` });
        }
      });
    };
    const round = () => {
      for (const r of replicas) if (!replies.has(r.node) && !refused.has(r.node)) ask(r);
      retryTimer = ctx.setTimer(options.retryMs, round);
    };
    const deadline = ctx.setTimer(options.deadlineMs, () =>
      finish({ status: 'short', replies: [...replies.values()], reason: `only ${replies.size} of ${options.need} needed replies within ${options.deadlineMs} ms` }));
    round();
  });
}

/** The smallest majority of n. */
export function majority(n: number): number {
  return Math.floor(n / 2) + 1;
}
