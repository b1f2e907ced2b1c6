import { ConfigError, freshSeed, nodeId, requireInteger, type NodeId } from '@faultline/core';
import type { FaultNetworkOptions } from '@faultline/transport';

/** A fault network over the cluster's nodes: `FaultNetwork`'s options but its nodes (base latency, FIFO). `{}` is the LAN preset. */
export type FaultsConfig = Omit<FaultNetworkOptions, 'nodes'>;

/** Settings common to both runtimes. */
export interface ClusterConfig {
  /** Seed of every random choice in the run; a fresh one is drawn (and printed by demos) when absent. */
  readonly seed?: number;
  /** How many nodes (named n1…nN), or their names. */
  readonly nodes: number | readonly string[];
  /**
   * Bound of each node's inbound queues: what a paused node holds, and (workers) the mailbox of
   * envelopes waiting for a busy node. Past it newer messages are dropped, counted in snapshots and
   * reported as `mailbox-overflow`, as a full socket buffer drops. Default 100,000.
   */
  readonly mailboxCapacity?: number;
  /**
   * Puts a fault network between the nodes, the same on every runtime: `cluster.faults` takes
   * rules and partitions, `cluster.faultTarget()` is what a Nemesis drives, and
   * `cluster.networkCounters()` says what it did, gathered from every node. Not with `network`.
   */
  readonly faults?: FaultsConfig;
}

/** The fault network's options for these nodes, or undefined; refuses `faults` together with `network`. */
export function resolveFaults(faults: FaultsConfig | undefined, nodes: readonly NodeId[], network: unknown): FaultNetworkOptions | undefined {
  if (faults === undefined) return undefined;
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) throw new ConfigError('faults', faults, 'must be FaultNetwork options without nodes ({ baseLatency?, fifo? }), e.g. networkPresets.lan');
  if (network !== undefined) throw new ConfigError('faults', faults, 'must not be given with network: faults builds the network (a FaultNetwork over the nodes)');
  return { ...faults, nodes: [...nodes] };
}

/** The mailbox bound, validated (undefined: the default). */
export function resolveMailboxCapacity(capacity: number | undefined): number | undefined {
  return capacity === undefined ? undefined : requireInteger('mailboxCapacity', capacity, 1, 2 ** 31);
}

/** Resolves the node list, rejecting bad counts, empty or duplicate names. */
export function resolveNodes(nodes: ClusterConfig['nodes']): NodeId[] {
  if (typeof nodes === 'number') {
    requireInteger('nodes', nodes, 1, 1000);
    return Array.from({ length: nodes }, (_, i) => nodeId(`n${i + 1}`));
  }
  if (!Array.isArray(nodes) || nodes.length === 0) throw new ConfigError('nodes', nodes, 'must be a positive count or a non-empty list of names');
  const seen = new Set<string>();
  for (const name of nodes) {
    if (typeof name !== 'string' || name.length === 0) throw new ConfigError('nodes[]', name, 'must be a non-empty string');
    if (name === 'driver') throw new ConfigError('nodes[]', name, "must not be 'driver' (the name of the program running the cluster)");
    if (seen.has(name)) throw new ConfigError('nodes[]', name, 'must be unique');
    seen.add(name);
  }
  return nodes.map(nodeId);
}

/** The run's seed: the configured one, or a fresh one. */
export function resolveSeed(seed: number | undefined): number {
  if (seed === undefined) return freshSeed();
  return requireInteger('seed', seed, 0, 0xffffffff);
}
