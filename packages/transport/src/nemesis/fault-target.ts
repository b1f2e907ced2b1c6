import type { NodeId } from '@faultline/core';
import type { LinkRuleSpec } from '../faults/rule.ts';
import type { DirectedLink } from '../faults/nodes.ts';
import type { RulePosition } from '../faults/update.ts';
import type { RuleHandle } from '../faults/fault-network.ts';
import type { ClockFault, DiskFault } from '@faultline/core';

/** The network controls a nemesis uses; a `FaultNetwork` provides them. */
export interface NetworkControl {
  install(spec: LinkRuleSpec, options?: { readonly position?: RulePosition }): RuleHandle;
  removeRule(id: string): boolean;
  block(links: readonly DirectedLink[]): void;
  healAll(): void;
}

/** What a nemesis drives: a cluster's nodes, its network, node faults and (when supported) clock faults. */
export interface FaultTarget {
  /** The cluster's nodes (never the driver). */
  readonly nodes: readonly NodeId[];
  readonly network: NetworkControl;
  crash(node: NodeId): Promise<void>;
  restart(node: NodeId): Promise<void>;
  pause(node: NodeId): Promise<void>;
  resume(node: NodeId): Promise<void>;
  /** Applies a clock fault; absent when the runtime has no controllable clocks (then no clock faults are generated). */
  clockFault?(node: NodeId, fault: ClockFault): void | Promise<void>;
  /** Injects a disk fault; absent when the runtime has no disk model (then disk-fault actions are refused). */
  diskFault?(node: NodeId, fault: DiskFault): void | Promise<void>;
  /** The runtime's true time, for the nemesis log. */
  now?(): number;
}

/** The node operations of a running cluster: structurally a subset of the runtime's `Cluster`. */
export interface NodeControl {
  readonly nodes: readonly NodeId[];
  crash(node: NodeId): Promise<void>;
  restart(node: NodeId): Promise<void>;
  pause(node: NodeId): Promise<void>;
  resume(node: NodeId): Promise<void>;
  now(): number;
}

/** Builds a fault target from a cluster, its network and, optionally, a clock fault applier. */
export function faultTarget(
  cluster: NodeControl,
  network: NetworkControl,
  clockFault?: (node: NodeId, fault: ClockFault) => void | Promise<void>,
  diskFault?: (node: NodeId, fault: DiskFault) => void | Promise<void>,
): FaultTarget {
  const target: FaultTarget = {
    nodes: cluster.nodes,
    network,
    crash: (node) => cluster.crash(node),
    restart: (node) => cluster.restart(node),
    pause: (node) => cluster.pause(node),
    resume: (node) => cluster.resume(node),
    now: () => cluster.now(),
  };
  return { ...target, ...(clockFault === undefined ? {} : { clockFault }), ...(diskFault === undefined ? {} : { diskFault }) };
}
