import type { Address, NodeId } from '../ids.ts';
import type { AskOutcome } from '../outcome.ts';
import type { Rng } from '../random/rng.ts';
import type { Logger } from '../log.ts';
import type { ActorDefinition } from './define.ts';
import type { LogicalClocks } from '../node/node-clocks.ts';
import type { DurableStorage } from '../node/storage.ts';

/** Options of one ask. */
export interface AskOptions {
  /** After this long with no reply the outcome is `unknown`. Default 1000 ms. */
  readonly timeoutMs?: number;
}

/** A scheduled timer, as returned by `setTimer`. */
export type TimerId = number & { readonly __brand: 'TimerId' };

/**
 * Everything an actor may use to reach the world. Protocol code takes time, timers,
 * randomness and messaging only from here, so it runs unchanged in the simulator and on workers.
 */
export interface ActorContext {
  /** This actor's own address. */
  readonly self: Address;
  /** Every node configured in the cluster (including this one), in configuration order. */
  readonly clusterNodes: readonly NodeId[];
  /** Sends a one-way message; delivery is not guaranteed (the network may drop it). A typed address checks the message. */
  send<M = unknown>(to: Address<M, unknown>, message: NoInfer<M>): void;
  /**
   * Sends a request and resolves with ok, a definite failure, or unknown after the timeout.
   * A typed address checks the message and gives the reply's type; `ask<R>` names it for an untyped one.
   */
  ask<R = unknown, M = unknown>(to: Address<M, R>, message: NoInfer<M>, options?: AskOptions): Promise<AskOutcome<R>>;
  /** This node's physical clock in ms: may be skewed, drift, or jump. */
  now(): number;
  /** This node's logical clocks (Lamport, HLC, vector when on), advanced by every send and receive. */
  readonly clocks: LogicalClocks;
  /**
   * Calls `fn` after `delayMs` of the runtime's time (virtual in the simulator, real on workers),
   * unless cancelled or the actor stops first. Clock skew, drift and clock faults move `now()`,
   * not timers: a timeout measures elapsed time, as a monotonic clock does.
   */
  setTimer(delayMs: number, fn: () => void): TimerId;
  /** Cancels a timer; cancelling a fired or unknown timer does nothing. */
  cancelTimer(id: TimerId): void;
  /**
   * Resolves after `ms` of the runtime's time, on this actor's timers (virtual in the simulator),
   * so `await ctx.sleep(ms)` replays exactly. Never resolves if the actor stops or restarts first.
   * Other messages may be handled while a handler sleeps (handlers are re-entrant at `await`).
   */
  sleep(ms: number): Promise<void>;
  /** Uniform float in [0, 1) from this actor's seeded stream. */
  random(): number;
  /**
   * FoundationDB's BUGGIFY: true when this run should take the rare path at site `label` (a slow
   * handler, a spurious timeout, an early retry). Under `faultline test` each site is switched on
   * for a whole run or not, from the seed, and then fires with some probability; elsewhere false.
   */
  buggify(label: string): boolean;
  /** This actor's seeded generator, for ints, picks and shuffles. */
  readonly rng: Rng;
  /** Stable storage private to this actor name on this node: it survives crashes and restarts. */
  readonly storage: DurableStorage;
  /** Logs with the actor's address and the node's time attached. */
  readonly log: Logger;
  /** Starts a child actor on this node; it stops when this actor stops. */
  spawn<M, P, R = unknown>(name: string, definition: ActorDefinition<M, P, R>, props: P): Address<M, R>;
  /** Stops an actor on this node (itself when no address is given). */
  stop(target?: Address): void;
}
