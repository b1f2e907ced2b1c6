import type { EventEmitter } from 'eventemitter3';
import type { ActorDefinition, Address, AskOptions, AskOutcome, LogRecord, NodeEvent, NodeId, NodeSnapshot } from '@faultline/core';
import type { MessageStats } from './stats/message-stats.ts';
import type { CountersSnapshot, FaultNetwork, FaultTarget } from '@faultline/transport';

/** Events a cluster emits to the program that runs it. */
export interface ClusterEvents {
  /** Something happened inside a node (a failure, a dead letter, a malformed frame, …). */
  'node-event': (event: NodeEvent & { readonly at: NodeId }) => void;
  /** A node stopped: crashed on purpose, died of an error, or escalated a failure. */
  'node-down': (info: { readonly node: NodeId; readonly reason: string }) => void;
  /** A node (re)started. */
  'node-up': (info: { readonly node: NodeId; readonly incarnation: number }) => void;
  /** A node paused or resumed. */
  'node-paused': (info: { readonly node: NodeId; readonly paused: boolean }) => void;
  /** A worker node stopped answering its control-plane heartbeat (a handler stuck in a loop?); crash it to end it. Workers only. */
  'node-unresponsive': (info: { readonly node: NodeId; readonly silentForMs: number }) => void;
  /**
   * Messages a node dropped on one link for one reason (mailbox-full, lost-in-transit,
   * send-queue-full, a network rule's, …): coalesced per link and reason, at most one every 250 ms
   * per node, the counts adding up to `messageStats()`'s drops. Also a `node-event`. Workers and NATS.
   */
  'messages-lost': (info: MessagesLost) => void;
  /** A log line from an actor or node. */
  log: (record: LogRecord) => void;
}

/** A coalesced report of drops on one directed link (`from->to`) for one reason, from node `at`. */
export interface MessagesLost {
  readonly at: NodeId;
  readonly link: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly count: number;
}

/** Which runtime hosts the cluster. */
export type RuntimeKind = 'sim' | 'workers' | 'nats';

/**
 * A running cluster, whichever runtime hosts it. Scenario code written against this
 * interface runs unchanged in the simulator and on worker threads.
 */
export interface Cluster {
  readonly runtime: RuntimeKind;
  /** The seed of this run: pass it back to replay it. */
  readonly seed: number;
  /** The cluster's nodes, in configuration order. */
  readonly nodes: readonly NodeId[];
  readonly events: EventEmitter<ClusterEvents>;
  /**
   * The runtime's true time in ms since the cluster was created (virtual in the simulator, where
   * it starts at 0). On workers and NATS the clock starts before the nodes do, so the first
   * reading after `start` includes their start-up (about 2 s on a loaded machine): take
   * `now()` when your run begins and count from there, as the nemesis does.
   */
  now(): number;
  /** Starts an actor on a node; it is started again whenever the node restarts. */
  spawn<M, P, R = unknown>(node: NodeId | string, name: string, definition: ActorDefinition<M, P, R>, props: P): Promise<Address<M, R>>;
  /** Sends a one-way message from the driver (the program running the cluster). */
  tell<M = unknown>(to: Address<M, unknown>, message: NoInfer<M>): void;
  /** Asks from the driver; the outcome is ok, failed (definite) or unknown. */
  ask<R = unknown, M = unknown>(to: Address<M, R>, message: NoInfer<M>, options?: AskOptions): Promise<AskOutcome<R>>;
  /** Lets `ms` of the runtime's time pass (virtual time in the simulator). */
  sleep(ms: number): Promise<void>;
  /** Kills a node: its in-memory state is lost; messages to it are dropped until restart. */
  crash(node: NodeId | string): Promise<void>;
  /** Starts a crashed node again, fresh, re-spawning the actors spawned on it through `spawn`. */
  restart(node: NodeId | string): Promise<void>;
  /** Freezes a node: deliveries and timers are held until `resume`. */
  pause(node: NodeId | string): Promise<void>;
  resume(node: NodeId | string): Promise<void>;
  /** Whether a node is up (not crashed). */
  isUp(node: NodeId | string): boolean;
  /** Messages sent, delivered and dropped per node and per directed link since the start (both runtimes). */
  messageStats(): Promise<MessageStats>;
  /** The fault network when the cluster was configured with `faults` (rules, partitions, heal), else undefined. */
  readonly faults: FaultNetwork | undefined;
  /**
   * What the network model did so far (sent, delivered, dropped by reason, delayed, …), per directed
   * link and in total, gathered from wherever frames are routed: the simulator's one network, or
   * every worker's and NATS node's mirror plus the driver's. All zero when the model does not count.
   */
  networkCounters(): Promise<CountersSnapshot>;
  /**
   * Resolves once every change of `faults` so far (rule, partition, heal) has reached every node:
   * at once in the simulator, after a control call per node on workers and NATS.
   */
  settleNetwork(): Promise<void>;
  /** What a `Nemesis` drives here: the nodes, the fault network, node and clock faults. Needs `faults`. */
  faultTarget(): FaultTarget;
  /** A summary of one node's actors and counters. */
  snapshot(node: NodeId | string): Promise<NodeSnapshot>;
  /** Stops everything; the cluster cannot be used afterwards. */
  shutdown(): Promise<void>;
}

/** The driver's own node id: the program running the cluster talks to nodes as this node. */
export const DRIVER_NODE = 'driver' as NodeId;

/** An actor started through `Cluster.spawn`, remembered so a restart can start it again. */
export interface BootActor {
  readonly name: string;
  readonly definition: ActorDefinition<unknown, unknown>;
  readonly props: unknown;
}
