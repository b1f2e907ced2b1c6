import { ConfigError, type ClockFault, type DiskFault, type NodeId } from '@faultline/core';
import { emptyCounters, faultTarget, type CountersSnapshot, type FaultNetwork, type FaultTarget, type NodeControl } from '@faultline/transport';

/** No frames counted: what a network model that does not count reports. */
export function noCounters(): CountersSnapshot {
  return { total: emptyCounters(), links: {} };
}

/**
 * A cluster's nemesis target over its fault network; a ConfigError saying how to get one when the
 * cluster was started without `faults`.
 */
export function clusterFaultTarget(
  cluster: NodeControl,
  net: FaultNetwork | undefined,
  clockFault: (node: NodeId, fault: ClockFault) => Promise<void>,
  diskFault?: (node: NodeId, fault: DiskFault) => Promise<void>,
): FaultTarget {
  if (net === undefined) throw new ConfigError('faults', undefined, 'must be configured to drive a nemesis: start the cluster with `faults: networkPresets.lan` (or any FaultNetwork options)');
  return faultTarget(cluster, net, clockFault, diskFault);
}
