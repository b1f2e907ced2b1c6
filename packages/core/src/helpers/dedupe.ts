import { Rejection } from '../outcome.ts';
import type { DurableStorage } from '../node/storage.ts';
import { requireInteger } from '../validate.ts';

/** Options of {@link createDedupe}. */
export interface DedupeOptions {
  /** Where answers are kept: pass `ctx.storage` to remember them across crashes; in memory (this incarnation) when absent. */
  readonly storage?: DurableStorage;
  /** How many answers to remember; the oldest is forgotten first. Default 10 000. */
  readonly capacity?: number;
  /** Key prefix in `storage`, so several dedupers can share one actor's storage. Default `dedupe/`. */
  readonly prefix?: string;
}

/** Remembers the answers to requests by id, so a retried request is answered without acting again. */
export interface Dedupe {
  /**
   * Runs `act` for the first request with this id and remembers its answer; a later request with
   * the same id gets that answer without running `act`, and one arriving while the first still
   * runs (handlers are re-entrant at `await`) waits for it. A throw is not remembered: a
   * `Rejection` means nothing was done, so a retry may act.
   */
  once<R>(requestId: string, act: () => R | Promise<R>): Promise<R>;
  /** Whether an answer for this id is remembered. */
  has(requestId: string): boolean;
  /** How many answers are remembered. */
  readonly size: number;
}

/** Rejection code when a request to a deduplicating handler carries no usable id. */
export const MISSING_REQUEST_ID = 'missing-request-id';

/**
 * An idempotency helper for handlers (the "idempotent receiver" pattern): call it in `setup`,
 * then wrap the handler's effect in `dedupe.once(message.requestId, …)`. With `storage:
 * ctx.storage` the answers survive a crash, so an acknowledged effect is never applied twice.
 * Bounded: beyond `capacity` the oldest answer is forgotten (a retry that late acts again).
 */
export function createDedupe(options: DedupeOptions = {}): Dedupe {
  const capacity = requireInteger('capacity', options.capacity ?? 10_000, 1);
  const prefix = options.prefix ?? 'dedupe/';
  const memory = new Map<string, { reply: unknown }>();
  const storage = options.storage;
  const order: string[] = storage === undefined ? [] : storage.keys(prefix).map((k) => k.slice(prefix.length));
  const inFlight = new Map<string, Promise<unknown>>();

  const lookup = (id: string): { reply: unknown } | undefined =>
    storage === undefined ? memory.get(id) : storage.get<{ reply: unknown }>(prefix + id);
  const remember = (id: string, reply: unknown): void => {
    if (storage === undefined) memory.set(id, { reply });
    else storage.set(prefix + id, reply === undefined ? {} : { reply });
    order.push(id);
    while (order.length > capacity) {
      const oldest = order.shift()!;
      if (storage === undefined) memory.delete(oldest);
      else storage.delete(prefix + oldest);
    }
  };

  return {
    async once<R>(requestId: string, act: () => R | Promise<R>): Promise<R> {
      if (typeof requestId !== 'string' || requestId === '') {
        throw new Rejection(MISSING_REQUEST_ID, `a deduplicated request needs a non-empty string request id; got ${JSON.stringify(requestId) ?? String(requestId)}`);
      }
      const known = lookup(requestId);
      if (known !== undefined) return known.reply as R;
      const running = inFlight.get(requestId);
      if (running !== undefined) return running as Promise<R>;
      const run = (async () => act())();
      inFlight.set(requestId, run);
      try {
        const reply = await run;
        remember(requestId, reply);
        return reply;
      } finally {
        inFlight.delete(requestId);
      }
    },
    has: (requestId) => lookup(requestId) !== undefined,
    get size() {
      return order.length;
    },
  };
}
