import type { ClockConfig, StampingConfig } from '@faultline/core';
import type { AppliedClockFault } from '../host/node-clock.ts';
import type { BootSpec, WorkerReport } from '../host/protocol.ts';
import type { NetworkModuleSpec } from '../host/network-module.ts';

/**
 * What a controller tells a NATS node to become one incarnation of itself: a worker's init minus
 * what only threads share (ports, files). The cluster key is never in it: each node process reads
 * its own from a file or the environment; `auth` only says frames must be authenticated.
 */
export interface NatsNodeInit {
  readonly incarnation: number;
  readonly seed: number;
  readonly clusterNodes: readonly string[];
  /** Epoch ms of the cluster's time zero (the controller's); machines' clocks may disagree, as they do. */
  readonly originEpochMs: number;
  readonly network: NetworkModuleSpec | undefined;
  readonly networkUpdates: readonly unknown[];
  readonly clock: ClockConfig | undefined;
  readonly clockFaults: readonly AppliedClockFault[];
  readonly stamping: StampingConfig | undefined;
  readonly boot: readonly BootSpec[];
  readonly auth: { readonly tagBytes?: number } | undefined;
  /** The run's nonce in every data seal's MAC (with the cluster's name): a batch from another run or cluster is refused. */
  readonly authRun: Uint8Array | undefined;
}

/** What a node answers to `ping`: who it is and whether it runs an incarnation. */
export interface NatsNodeHello {
  readonly node: string;
  readonly pid: number;
  /** The running incarnation, or -1 while waiting for a controller. */
  readonly incarnation: number;
  readonly kinds: readonly string[];
  readonly hasKey: boolean;
  /** Started with `--insecure`: no key, every control request and frame believed. */
  readonly insecure: boolean;
  /** A keyed node's fresh session nonce and its proof of the key over the ping's challenge (see control-seal.ts). */
  readonly session?: Uint8Array;
  readonly proof?: Uint8Array;
  /** Control requests this process refused as unauthentic so far. */
  readonly rejectedControl: number;
}

/** Reports a node publishes to the controller, in batches (as a worker posts them). */
export type NatsReport = WorkerReport;
