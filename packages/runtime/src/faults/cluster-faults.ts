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

/** True for a counters snapshot whose every field is a finite count (a node's reply is checked before it is summed). */
export function isCountersSnapshot(value: unknown): value is CountersSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const { total, links } = value as { total?: unknown; links?: unknown };
  if (!isLinkCounters(total) || typeof links !== 'object' || links === null) return false;
  return Object.values(links).every(isLinkCounters);
}

function isLinkCounters(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  const counts = Object.keys(emptyCounters()).filter((k) => k !== 'dropReasons' && k !== 'rejectReasons');
  return counts.every((k) => isCount(c[k])) && isReasons(c['dropReasons']) && isReasons(c['rejectReasons']);
}

function isReasons(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.values(value).every(isCount);
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
