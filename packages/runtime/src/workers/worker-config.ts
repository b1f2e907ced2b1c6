import { ConfigError, requireNumber, type ClockConfig, type NodeId, type StampingConfig } from '@faultline/core';
import { resolveMailboxCapacity, type ClusterConfig } from '../config.ts';
import { moduleUrl, type NetworkModuleSpec } from '../host/network-module.ts';
import { FrameAuth, type FrameAuthOptions } from '@faultline/transport';

/** Settings of a worker_threads cluster. */
export interface WorkerClusterConfig extends ClusterConfig {
  /** Modules exporting the actor definitions (made by `defineActor`) nodes can spawn: file URLs or absolute paths. */
  readonly modules: readonly string[];
  /** The network model each node applies to its outbound frames; default: every frame delivered at once. */
  readonly network?: NetworkModuleSpec;
  /** Each node's physical clock (offset, drift, NTP-like correction), as in the simulator; perfect when absent. */
  readonly clocks?: Readonly<Record<string, ClockConfig>> | ((node: NodeId) => ClockConfig);
  /** Logical clocks stamped on every envelope: Lamport and HLC always, vector clocks on request. */
  readonly stamping?: StampingConfig;
  /** Frame auth: a keyed MAC (HMAC-SHA256, truncated) on every batch between nodes, checked before decoding. Off when absent. */
  readonly auth?: FrameAuthOptions;
  /** How long one node may take to load its modules and start. */
  readonly startTimeoutMs?: number;
  /** How long `shutdown` waits for a node to stop its actors before terminating it. */
  readonly shutdownGraceMs?: number;
  /** How often the controller pings each node's control plane (ms). */
  readonly heartbeatMs?: number;
  /** A node that has not answered a ping for this long (ms) is reported `node-unresponsive`. */
  readonly unresponsiveAfterMs?: number;
}

/** Defaults, each with its reason. */
export const WORKER_DEFAULTS = {
  /**
   * From dist/ with JavaScript modules a node starts about as fast as a bare worker; TypeScript
   * modules go through tsx, which compiles each on first use (cached afterwards), and a cold start
   * of 25 nodes on a busy 2-core machine takes tens of seconds, so allow plenty.
   */
  startTimeoutMs: 30_000,
  /** Stopping actors is synchronous and quick; a node that does not answer within this is stuck or paused forever. */
  shutdownGraceMs: 1_000,
  /** A ping per node every second costs nothing measurable (~100 µs of control plane each). */
  heartbeatMs: 1_000,
  /**
   * An event loop busy for 5 s is stuck, not slow: inboxes drain in slices that yield every few ms, and
   * a cold tsx compile on a busy machine stays well under this.
   */
  unresponsiveAfterMs: 5_000,
} as const;

/** A validated config with module specifiers normalized to URLs. */
export interface ResolvedWorkerConfig {
  readonly modules: readonly string[];
  readonly network: NetworkModuleSpec | undefined;
  readonly stamping: StampingConfig | undefined;
  readonly auth: FrameAuthOptions | undefined;
  /** The clock config of a node, from `clocks` (evaluated here, in the main thread). */
  clockOf(node: NodeId): ClockConfig | undefined;
  readonly startTimeoutMs: number;
  readonly shutdownGraceMs: number;
  readonly heartbeatMs: number;
  readonly unresponsiveAfterMs: number;
  readonly mailboxCapacity: number | undefined;
}

/** Checks the worker-specific fields; throws ConfigError naming the first bad one. */
export function resolveWorkerConfig(config: WorkerClusterConfig): ResolvedWorkerConfig {
  if (!Array.isArray(config.modules)) throw new ConfigError('modules', config.modules, 'must be a list of module URLs exporting actor definitions');
  const modules = config.modules.map((m, i) => moduleUrl(`modules[${i}]`, m));
  let network: NetworkModuleSpec | undefined;
  if (config.network !== undefined) {
    const n = config.network;
    if (typeof n !== 'object' || n === null) throw new ConfigError('network', n, 'must be { module, export, options? }');
    if (typeof n.export !== 'string' || n.export.length === 0) throw new ConfigError('network.export', n.export, 'must name an export of the network module');
    network = { module: moduleUrl('network.module', n.module), export: n.export, options: n.options };
  }
  const clocks = config.clocks;
  if (config.auth !== undefined) new FrameAuth(config.auth, []); // fail at configuration, naming the field
  return {
    auth: config.auth,
    modules,
    network,
    stamping: config.stamping,
    clockOf: (node) => (typeof clocks === 'function' ? clocks(node) : clocks?.[node]),
    startTimeoutMs: requireNumber('startTimeoutMs', config.startTimeoutMs ?? WORKER_DEFAULTS.startTimeoutMs, 1),
    shutdownGraceMs: requireNumber('shutdownGraceMs', config.shutdownGraceMs ?? WORKER_DEFAULTS.shutdownGraceMs, 0),
    mailboxCapacity: resolveMailboxCapacity(config.mailboxCapacity),
    heartbeatMs: requireNumber('heartbeatMs', config.heartbeatMs ?? WORKER_DEFAULTS.heartbeatMs, 1),
    unresponsiveAfterMs: requireNumber('unresponsiveAfterMs', config.unresponsiveAfterMs ?? WORKER_DEFAULTS.unresponsiveAfterMs, 1),
  };
}
