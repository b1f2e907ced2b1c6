import { ConfigError, nodeId, requireInteger, type NodeId } from '@faultline/core';

/** The node id of the program running a cluster; selectors and partitions leave its links alone unless they name it. */
export const DRIVER: NodeId = nodeId('driver');

/** A node name or a group of them: wherever a group of nodes is accepted, a single name is too. */
export type NodeGroup = string | readonly string[];

/** The names of a group: a single name becomes a group of one. */
export function groupNames(g: NodeGroup): readonly string[] {
  return typeof g === 'string' ? [g] : g;
}

/** One direction of the link between two nodes. */
export interface DirectedLink {
  readonly from: NodeId;
  readonly to: NodeId;
}

/** The key of a directed link in maps and counters: `from->to`. */
export function linkKey(from: string, to: string): string {
  return `${from}->${to}`;
}

/** The nodes a network knows: the cluster's nodes plus the driver. Validates node names in rules. */
export class NodeSet {
  /** The cluster's nodes, in configuration order (without the driver). */
  readonly cluster: readonly NodeId[];
  private readonly known: ReadonlySet<string>;

  /** `nodes` is a count (named n1…nN, as the runtimes do) or the list of names. */
  constructor(nodes: number | readonly string[]) {
    if (typeof nodes === 'number') {
      requireInteger('nodes', nodes, 1, 1000);
      this.cluster = Array.from({ length: nodes }, (_, i) => nodeId(`n${i + 1}`));
    } else {
      if (!Array.isArray(nodes) || nodes.length === 0) {
        throw new ConfigError('nodes', nodes, 'must be a positive count or a non-empty list of node names');
      }
      const seen = new Set<string>();
      for (const name of nodes) {
        if (typeof name !== 'string' || name.length === 0) throw new ConfigError('nodes[]', name, 'must be a non-empty string');
        if (name === DRIVER) throw new ConfigError('nodes[]', name, "must not be 'driver' (the name of the program running the cluster)");
        if (seen.has(name)) throw new ConfigError('nodes[]', name, 'must be unique');
        seen.add(name);
      }
      this.cluster = nodes.map(nodeId);
    }
    this.known = new Set<string>([...this.cluster, DRIVER]);
  }

  /** True for a cluster node or the driver. */
  has(node: string): boolean {
    return this.known.has(node);
  }

  /** Checks one node name; throws ConfigError naming the field. */
  node(field: string, value: unknown): NodeId {
    if (typeof value !== 'string' || !this.known.has(value)) {
      throw new ConfigError(field, value, `must be one of the cluster's nodes (${this.cluster.join(', ')}) or 'driver'`);
    }
    return value as NodeId;
  }

  /** Checks a node name or a non-empty list of node names without repeats; returns the list. */
  group(field: string, value: unknown): NodeId[] {
    if (typeof value === 'string') return [this.node(field, value)];
    if (!Array.isArray(value) || value.length === 0) throw new ConfigError(field, value, 'must name at least one node (a node name or a list of them)');
    const out = value.map((v, i) => this.node(`${field}[${i}]`, v));
    if (new Set(out).size !== out.length) throw new ConfigError(field, value, 'must not name a node twice');
    return out;
  }
}
