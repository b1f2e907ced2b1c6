import type { Envelope } from '../envelope.ts';
import type { NodeId } from '../ids.ts';
import type { LogRecord } from '../log.ts';
import type { Rng } from '../random/rng.ts';
import type { NodeEvent } from './events.ts';
import type { StampingConfig } from './node-clocks.ts';
import type { DurableStorage } from './storage.ts';

/** An opaque handle to a runtime timer. */
export type RuntimeTimer = unknown;

/**
 * What a runtime provides to a {@link NodeHost}: time, timers, randomness and the wire.
 * The simulator implements it over virtual time; the worker runtime over real time and ports.
 */
export interface NodeEnvironment {
  readonly node: NodeId;
  readonly clusterNodes: readonly NodeId[];
  /** Counts this node's starts (0 first); makes message ids unique across restarts. */
  readonly incarnation: number;
  /** Which logical clocks to keep and stamp on envelopes (Lamport and HLC always). */
  readonly stamping?: StampingConfig;
  /** This node's stable storage, which outlives crashes; without one, storage lasts one incarnation. */
  readonly storage?: DurableStorage;
  /** Deliveries a paused node holds before it drops newer ones; default DEFAULT_MAX_HELD (100,000). */
  readonly maxHeld?: number;
  /** Told of each delivery a paused node dropped because its hold was full (for the runtime's message stats). */
  droppedWhilePaused?(envelope: Envelope): void;
  /** The runtime's own inbound queue, if it keeps one (workers do): its backlog, for snapshots. */
  backlog?(): { readonly queued: number; readonly dropped: number };
  /** This node's seeded stream; actors derive theirs from it. */
  readonly rng: Rng;
  /** This node's physical clock (possibly skewed) in ms. */
  now(): number;
  /** Runs `fn` after `delayMs` of this node's clock; `owner` (an actor address) names it in diagnostics. */
  setTimer(delayMs: number, fn: () => void, owner?: string): RuntimeTimer;
  clearTimer(timer: RuntimeTimer): void;
  /**
   * Puts an envelope on the wire (also for local delivery: the runtime decides how).
   * Must throw EncodeError synchronously when the payload cannot be encoded.
   */
  transmit(envelope: Envelope): void;
  /** Receives node events: failures, dead letters, malformed frames. */
  emit(event: NodeEvent): void;
  /** Receives log records. */
  log(record: LogRecord): void;
  /** Tells the runtime that promise continuations are pending (the simulator drains them at once). */
  asyncWorkPending(): void;
  /** Called when an escalated failure reaches the top: the runtime crashes the node. */
  fatal(error: unknown): void;
}
