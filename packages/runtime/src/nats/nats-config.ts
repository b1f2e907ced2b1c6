import { ConfigError, requireNumber, type ClockConfig, type NodeId, type StampingConfig } from '@faultline/core';
import { FrameAuth, type FrameAuthOptions } from '@faultline/transport';
import type { ClusterConfig } from '../config.ts';
import { moduleUrl, type NetworkModuleSpec } from '../host/network-module.ts';
import type { NatsConnectConfig } from './nats-connect.ts';
import { requireToken } from './subjects.ts';

/** Settings of a cluster whose nodes are OS processes talking over a NATS server. */
export interface NatsClusterConfig extends ClusterConfig {
  /** The NATS server(s) and how to log in. */
  readonly nats: NatsConnectConfig;
  /** The cluster's name: its subjects are `faultline.<cluster>.…`; nodes started elsewhere use the same. */
  readonly cluster: string;
  /** Modules exporting the actor definitions (file URLs or absolute paths): launched nodes load these. */
  readonly modules: readonly string[];
  /** Which nodes this controller launches as child processes (`all`, default) — the rest must be started elsewhere and are attached. */
  readonly launch?: 'all' | 'none' | readonly string[];
  /** The network model each node mirrors; use module `@faultline/transport`, export `faultNetwork` so machines resolve it alike. */
  readonly network?: NetworkModuleSpec;
  readonly clocks?: Readonly<Record<string, ClockConfig>> | ((node: NodeId) => ClockConfig);
  readonly stamping?: StampingConfig;
  /**
   * Frame auth. The controller uses `key` itself and hands it to the nodes it launches in their
   * environment; nodes started elsewhere read theirs from a file or their environment.
   */
  readonly auth?: FrameAuthOptions;
  /** How long a node may take to start (launch, load modules, connect) or to be found (attach). */
  readonly startTimeoutMs?: number;
  /** How long a control request may wait for its reply. */
  readonly callTimeoutMs?: number;
  /** How long `shutdown` waits for a node to stop its actors. */
  readonly shutdownGraceMs?: number;
  /** Folder for launched nodes' storage files; a fresh temporary one when absent. */
  readonly dataDir?: string;
}

/** Defaults, each with its reason. */
export const NATS_CLUSTER_DEFAULTS = {
  /**
   * A node process starts Node.js, tsx-compiles its modules (cached afterwards) and connects: seconds
   * alone, tens of seconds for several cold processes on a loaded 2-core machine.
   */
  startTimeoutMs: 60_000,
  /** Control requests are one round trip to the server and back; 5 s means the node is gone or the server is. */
  callTimeoutMs: 5_000,
  shutdownGraceMs: 1_000,
} as const;

/** A validated NATS cluster config. */
export interface ResolvedNatsConfig {
  readonly cluster: string;
  readonly modules: readonly string[];
  readonly launched: (node: string) => boolean;
  readonly network: NetworkModuleSpec | undefined;
  readonly auth: FrameAuthOptions | undefined;
  readonly startTimeoutMs: number;
  readonly callTimeoutMs: number;
  readonly shutdownGraceMs: number;
}

/** Checks the NATS-specific fields; throws ConfigError naming the first bad one. */
export function resolveNatsConfig(config: NatsClusterConfig, nodes: readonly string[]): ResolvedNatsConfig {
  const cluster = requireToken('cluster', config.cluster);
  for (const node of nodes) requireToken('nodes[]', node);
  if (!Array.isArray(config.modules)) throw new ConfigError('modules', config.modules, 'must be a list of module URLs exporting actor definitions');
  const launch = config.launch ?? 'all';
  if (Array.isArray(launch)) {
    for (const n of launch) if (!nodes.includes(n)) throw new ConfigError('launch[]', n, `must be a node of the cluster (${nodes.join(', ')})`);
  } else if (launch !== 'all' && launch !== 'none') throw new ConfigError('launch', launch, "must be 'all', 'none' or a list of nodes");
  if (config.auth !== undefined) new FrameAuth(config.auth, []);
  const n = config.network;
  return {
    cluster,
    modules: config.modules.map((m, i) => moduleUrl(`modules[${i}]`, m)),
    launched: (node) => launch === 'all' || (Array.isArray(launch) && launch.includes(node)),
    network: n === undefined ? undefined : { module: moduleUrl('network.module', n.module), export: n.export, options: n.options },
    auth: config.auth,
    startTimeoutMs: requireNumber('startTimeoutMs', config.startTimeoutMs ?? NATS_CLUSTER_DEFAULTS.startTimeoutMs, 1),
    callTimeoutMs: requireNumber('callTimeoutMs', config.callTimeoutMs ?? NATS_CLUSTER_DEFAULTS.callTimeoutMs, 1),
    shutdownGraceMs: requireNumber('shutdownGraceMs', config.shutdownGraceMs ?? NATS_CLUSTER_DEFAULTS.shutdownGraceMs, 0),
  };
}
