import type { Rejection } from '../outcome.ts';
import type { ClockStamps } from '../envelope.ts';
import type { Address } from '../ids.ts';
import type { ActorContext } from './context.ts';
import type { SupervisionPolicy } from './supervision.ts';

/** How a message reached the handler. */
export interface Incoming {
  /** Who sent it. */
  readonly from: Address;
  /** True when the sender asked and awaits the handler's return value as the reply. */
  readonly isAsk: boolean;
  /** The sender's clock stamps (Lamport, HLC, and vector clock when on). */
  readonly stamps?: ClockStamps;
}

/** What a handler returns: the reply `R` (or a promise of it), a `Rejection`, or nothing (a tell). */
export type HandlerResult<R> = R | Rejection | void | Promise<R | Rejection | void>;

/** What `setup` returns: the actor's message handler and optional stop hook. */
export interface ActorBehavior<M = unknown, R = unknown> {
  /**
   * Handles one message. For an ask, the returned value (or the resolved value of a returned
   * promise) is the reply; throwing or returning a `Rejection` answers with a definite failure.
   * Handlers are re-entrant at `await` points, as in JavaScript event handlers.
   */
  receive(message: M, incoming: Incoming): HandlerResult<R>;
  /** Called when the actor stops or restarts (not when its node crashes). */
  stopped?(): void;
  /**
   * A plain-data view of the actor's state (JSON: objects, arrays, strings, numbers, booleans,
   * null; no functions, no cycles), for tools that show or compare states: the simulator records
   * it after each delivery when asked (`onState`), and a report steps through it. Must not change
   * state, send or schedule anything. Optional: actors without it are simply not shown.
   */
  inspect?(): unknown;
}

/**
 * An actor type: a kind name (how workers find it) and how to build an instance. `M` is the
 * message it accepts, `P` its props, `R` what it replies to an ask; `spawn` returns an
 * `Address<M, R>`, so `ask` checks messages against `M` and infers `R`.
 */
export interface ActorDefinition<M = unknown, P = unknown, R = unknown> {
  readonly kind: string;
  readonly supervision?: Partial<SupervisionPolicy>;
  /** Builds a fresh instance: called at spawn and at every restart. Keep state in its closure. */
  setup(ctx: ActorContext, props: P): ActorBehavior<M, R>;
}

/** Marks an object as an actor definition; export it from a module the runtime loads. */
export function defineActor<M = unknown, P = void, R = unknown>(def: ActorDefinition<M, P, R>): ActorDefinition<M, P, R> {
  return Object.freeze({ ...def, [ACTOR_MARK]: true });
}

const ACTOR_MARK = Symbol.for('faultline.actor');

/** True for values made by {@link defineActor}; used to find definitions among a module's exports. */
export function isActorDefinition(value: unknown): value is ActorDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[ACTOR_MARK] === true;
}
