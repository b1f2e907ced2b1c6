import { ConfigError, freshSeed, nodeId, requireInteger, type NodeId } from '@faultline/core';

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
