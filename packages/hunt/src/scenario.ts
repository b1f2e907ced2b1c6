import type { ActorDefinition, Address, NodeId, Rng } from '@faultline/core';
import type { ModelName } from '@faultline/checker';
import type { Recorder, RecordingClient } from '@faultline/history';
import type { Simulation } from '@faultline/runtime';
import type { FaultFamily } from './fault-mix.ts';

/** How much work one run does: what shrinking makes smaller. */
export interface WorkloadBounds {
  /** Operations the clients start in all. */
  readonly operations: number;
  /** Clients running at once. */
  readonly clients: number;
  /** Virtual ms after which no client starts an operation. */
  readonly durationMs: number;
}

/** One client of a run's workload: its index, its own seeded stream and its history recorder. */
export interface ClientRun {
  readonly index: number;
  readonly rng: Rng;
  readonly history: RecordingClient;
}

/** What a scenario's set-up, workload and properties see of one simulated run. */
export interface RunContext {
  readonly sim: Simulation;
  readonly seed: number;
  readonly nodes: readonly NodeId[];
  readonly bounds: WorkloadBounds;
  /** The run's history (times are the simulator's true time), for `history` properties. */
  readonly history: Recorder;
  /** A seeded stream for set-up choices. */
  readonly rng: Rng;
  /** Spawns an actor (use this rather than `sim.spawn`: it lets the determinism check name the actor). */
  spawn<M, P>(node: NodeId | string, name: string, definition: ActorDefinition<M, P>, props: P): Promise<Address>;
  /**
   * Runs `bounds.clients` clients at once; each calls `op` again and again until `bounds.operations`
   * operations have started in all, `bounds.durationMs` has passed, or a step invariant failed.
   */
  clients(op: (client: ClientRun) => Promise<void>): Promise<void>;
}

/** A property a run must keep. The first one broken fails the run, with its explanation. */
export type Property<S> =
  /** The recorded history is linearizable under the checker's model. */
  | { readonly kind: 'history'; readonly name: string; readonly model: ModelName }
  /**
   * A condition over the nodes' state: `check` returns why it does not hold, or undefined.
   * `step`: checked before every message delivery and at the end; `end` (default): once, after the run settled.
   */
  | { readonly kind: 'invariant'; readonly name: string; readonly when?: 'step' | 'end'; check(state: S, run: RunContext): string | undefined }
  /** After the faults stop, `check` (e.g. a read by every client) succeeds within `withinMs`: it is retried until then. */
  | { readonly kind: 'liveness'; readonly name: string; readonly withinMs: number; check(state: S, run: RunContext): Promise<string | undefined> };

/** One scenario of a test file: a cluster, a workload and the properties it must keep. */
export interface Scenario<S = unknown> {
  readonly name: string;
  /** Cluster nodes (n1…nN). */
  readonly nodes: number;
  /** The workload's bounds before shrinking. */
  readonly bounds: WorkloadBounds;
  /** Fault families this scenario can meet (default: all). E.g. leave out `clock` for a protocol that reads no clock. */
  readonly families?: readonly FaultFamily[];
  /** Virtual ms the run waits after the faults are healed, before `end` invariants and history checks. Default 2000. */
  readonly settleMs?: number;
  /** Spawns the actors; returns what the workload and properties need (addresses, probes). */
  setup(run: RunContext): Promise<S>;
  /** The clients' work, usually one `run.clients(...)` call. */
  workload(run: RunContext, state: S): Promise<void>;
  readonly properties: readonly Property<S>[];
}

/** Declares a scenario (an identity function that checks its type). */
export function defineScenario<S>(scenario: Scenario<S>): Scenario<S> {
  return scenario;
}
