import type { MessagePort } from 'node:worker_threads';
import type { Address, ClockConfig, ClockFault, DiskFault, LogRecord, NodeEvent, NodeId, NodeSnapshot, StampingConfig } from '@faultline/core';
import type { ControlResult } from './errors.ts';
import type { WireStats } from './link/mesh.ts';
import type { MessageStats } from '../stats/message-stats.ts';
import type { AppliedClockFault } from './node-clock.ts';
import type { FileStorageStats } from './storage/file-storage.ts';
import type { NetworkModuleSpec } from './network-module.ts';
import type { CountersSnapshot, FrameAuthOptions } from '@faultline/transport';

/** An actor to start when a node starts: spawned through the cluster, so restarted with the node. */
export interface BootSpec {
  readonly name: string;
  readonly kind: string;
  readonly props: unknown;
}

/** Everything a worker needs to become a node, passed as `workerData` (ports in the transfer list). */
export interface WorkerInit {
  /** URL of the node entry (`node-worker.ts` or `.js`) the `.mjs` bootstrap imports once tsx is registered. */
  readonly entry: string;
  /** True when the bootstrap must resolve @faultline/* to their TypeScript sources (`@faultline/source`). */
  readonly sourceCondition: boolean;
  /** Marks the thread as a faultline node, so code run by importing actor modules can tell (`isNodeWorker`). */
  readonly faultlineNode: true;
  readonly node: NodeId;
  readonly incarnation: number;
  readonly seed: number;
  readonly clusterNodes: readonly NodeId[];
  /** Epoch ms of the cluster's time zero (the controller's), so every node agrees on `now`. */
  readonly originEpochMs: number;
  readonly modules: readonly string[];
  readonly network: NetworkModuleSpec | undefined;
  /** Every `configureNetwork` update so far, replayed in order on the fresh link layer. */
  readonly networkUpdates: readonly unknown[];
  /** The node's physical clock, and every fault applied to it so far (a machine's clock outlives its process). */
  readonly clock: ClockConfig | undefined;
  readonly clockFaults: readonly AppliedClockFault[];
  readonly stamping: StampingConfig | undefined;
  /** Bound of the node's mailbox and paused hold (undefined: the default). */
  readonly mailboxCapacity: number | undefined;
  /** Frame auth (the key travels in workerData: in-process memory, never a command line). */
  readonly auth: FrameAuthOptions | undefined;
  /** The run's nonce in every seal's MAC: a batch captured in one run is refused in the next. */
  readonly authRun: Uint8Array;
  readonly boot: readonly BootSpec[];
  /** The node's stable storage file: it outlives every incarnation of the node's worker. */
  readonly storageFile: string;
  /** This node's ends of the mesh, by peer node id (the driver included). */
  readonly peers: Readonly<Record<string, MessagePort>>;
  /** Where the worker sends its reports (ready, events, logs, fatal). */
  readonly reports: MessagePort;
}

/** One report from a worker to its controller; events and logs are plain data. */
export type WorkerReport =
  | { readonly t: 'ready' }
  | { readonly t: 'event'; readonly event: NodeEvent }
  | { readonly t: 'log'; readonly record: LogRecord }
  | { readonly t: 'fatal'; readonly error: string };

/**
 * The control plane of one worker node, called over comlink (about 100 µs a call: never on the
 * data path). Calls that can fail in a way the user should see typed return a ControlResult.
 */
export interface NodeControl {
  spawn(name: string, kind: string, props: unknown): ControlResult<Address>;
  pause(): void;
  resume(): void;
  snapshot(): NodeSnapshot;
  wireStats(): WireStats;
  /** This node's per-link message counts: what it sent and dropped, and what it received. */
  messageStats(): MessageStats;
  /** What this node's mirror of the network model did to the frames it sent (undefined when the model does not count). */
  networkCounters(): CountersSnapshot | undefined;
  /** Takes this node's end of a new channel to a (re)started peer. */
  connect(peer: NodeId, port: MessagePort): void;
  /** Forwards a serializable update to this node's link layer (`apply(update)`). */
  configureNetwork(update: unknown): ControlResult<void>;
  /** Applies a clock fault at `atTrueMs` (or later, if the clock was read since); answers when it applied. */
  clockFault(fault: ClockFault, atTrueMs: number): ControlResult<number>;
  /** Applies a disk fault to this node's storage file (`storage/disk-faults.ts`); `seed` picks what `corrupt` hits. */
  diskFault(fault: DiskFault, seed: number): ControlResult<void>;
  /** This node's storage counters: records and bytes written, fsyncs and bytes synced, compactions. */
  storageStats(): FileStorageStats;
  /** Answers at once: the heartbeat that tells a stuck node from a live one. */
  ping(): true;
  /** Stops actors and settles outstanding asks as `shutdown`, before the controller terminates the worker. */
  shutdown(): void;
}
