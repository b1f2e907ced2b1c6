import { ConfigError, DISK_FAULTS, requireNumber, requireOneOf, type NodeId, type Rng } from '@faultline/core';
import { NodeSet, type NodeGroup } from '../faults/nodes.ts';
import { validateSelector } from '../faults/selector.ts';
import { validateLinkFault } from '../faults/link-fault.ts';
import { groupsPartition, planPartition } from '../faults/shapes.ts';
import { oneWayLinks } from '../faults/partition-links.ts';
import { validateClockFault } from '@faultline/core';
import { NEMESIS_ACTION_KINDS, type NemesisAction, type NemesisStep, type NodeCount } from './actions.ts';
import type { NemesisOp, PlannedStep } from './ops.ts';

/** What the target can do, as far as planning cares. */
export interface PlanCapabilities {
  readonly clock: boolean;
  /** Whether the target can inject disk faults (`diskFault`); absent: it cannot. */
  readonly disk?: boolean;
}

/** Faults in effect at some point of a schedule, tracked so that undo steps know what to undo. */
interface Outstanding {
  readonly crashed: Set<NodeId>;
  readonly paused: Set<NodeId>;
  readonly skewed: Set<NodeId>;
  readonly tags: Set<string>;
}

/**
 * Turns a declarative schedule into concrete ops, in time order (ties keep their order), making
 * every open choice from `rng`. Validates every step; errors name `schedule[i]…`.
 */
export function planSchedule(steps: readonly NemesisStep[], nodes: readonly NodeId[], rng: Rng, can: PlanCapabilities): PlannedStep[] {
  if (!Array.isArray(steps)) throw new ConfigError('schedule', steps, 'must be a list of {at, do} steps');
  const known = new NodeSet(nodes);
  const state: Outstanding = { crashed: new Set(), paused: new Set(), skewed: new Set(), tags: new Set() };
  steps.forEach((s, i) => {
    if (typeof s !== 'object' || s === null) throw new ConfigError(`schedule[${i}]`, s, 'must be an {at, do} step');
    requireNumber(`schedule[${i}].at`, s.at, 0);
  });
  const ordered = steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  return ordered.map(({ s, i }) => ({ at: s.at, op: planOne(s.do, `schedule[${i}].do.`, i, known, rng, can, state) }));
}

function planOne(a: NemesisAction, f: string, index: number, known: NodeSet, rng: Rng, can: PlanCapabilities, st: Outstanding): NemesisOp {
  if (typeof a !== 'object' || a === null) throw new ConfigError(f.slice(0, -1), a, 'must be an action object');
  requireOneOf(`${f}kind`, a.kind, NEMESIS_ACTION_KINDS);
  const cluster = known.cluster;
  const named = (field: string, v: NodeGroup) => known.group(`${f}${field}`, v).map((n) => {
    if (!cluster.includes(n)) throw new ConfigError(`${f}${field}`, v, 'must name cluster nodes, not the driver');
    return n;
  });
  switch (a.kind) {
    case 'partition': {
      const node = a.node === undefined ? undefined : named('node', [a.node])[0];
      return { kind: 'partition', plan: planPartition(a.shape, cluster, rng, node) };
    }
    case 'partition-groups': {
      if (!Array.isArray(a.groups) || a.groups.length < 2) throw new ConfigError(`${f}groups`, a.groups, 'must list at least two groups');
      return { kind: 'partition', plan: groupsPartition(a.groups.map((g, k) => named(`groups[${k}]`, g))) };
    }
    case 'partition-one-way': {
      const from = named('from', a.from);
      const to = named('to', a.to);
      return { kind: 'partition', plan: { shape: 'one-way', groups: [from, to], blocked: oneWayLinks(from, to, known) } };
    }
    case 'heal':
      return { kind: 'heal' };
    case 'crash': {
      const nodes = a.nodes ? named('nodes', a.nodes) : pick(cluster.filter((n) => !st.crashed.has(n)), a.count, `${f}count`, cluster.length, rng);
      for (const n of nodes) st.crashed.add(n);
      return { kind: 'crash', nodes };
    }
    case 'restart': {
      const nodes = a.nodes ? named('nodes', a.nodes) : [...st.crashed];
      for (const n of nodes) st.crashed.delete(n);
      return { kind: 'restart', nodes };
    }
    case 'pause': {
      const free = cluster.filter((n) => !st.paused.has(n) && !st.crashed.has(n));
      const nodes = a.nodes ? named('nodes', a.nodes) : pick(free, a.count, `${f}count`, cluster.length, rng);
      for (const n of nodes) st.paused.add(n);
      return { kind: 'pause', nodes };
    }
    case 'resume': {
      const nodes = a.nodes ? named('nodes', a.nodes) : [...st.paused];
      for (const n of nodes) st.paused.delete(n);
      return { kind: 'resume', nodes };
    }
    case 'link-fault': {
      validateSelector(a.target, known, `${f}target`);
      validateLinkFault(a.fault, f);
      const tag = a.tag ?? `f${index}`;
      if (st.tags.has(tag)) throw new ConfigError(`${f}tag`, tag, 'must not name a link fault that is still installed');
      st.tags.add(tag);
      return { kind: 'link-fault', tag, target: a.target, fault: a.fault };
    }
    case 'remove-link-fault': {
      const tags = a.tag === undefined ? [...st.tags] : [a.tag];
      for (const t of tags) st.tags.delete(t);
      return { kind: 'remove-link-fault', tags };
    }
    case 'clock': {
      if (!can.clock) throw new ConfigError(`${f}kind`, a.kind, 'needs a target with clockFault (this runtime has no controllable clocks)');
      validateClockFault(a.fault, f);
      const reset = a.fault.kind === 'reset';
      const nodes = a.nodes ? named('nodes', a.nodes) : reset ? [...st.skewed] : pick(cluster, a.count, `${f}count`, cluster.length, rng);
      for (const n of nodes) (reset ? st.skewed.delete(n) : st.skewed.add(n));
      return { kind: 'clock', nodes, fault: a.fault };
    }
    case 'disk-fault': {
      if (can.disk !== true) throw new ConfigError(`${f}kind`, a.kind, 'needs a target with diskFault (the simulator with its disk model)');
      requireOneOf(`${f}fault`, a.fault, DISK_FAULTS);
      const up = cluster.filter((n) => !st.crashed.has(n));
      const nodes = a.nodes ? named('nodes', a.nodes) : pick(up, a.count, `${f}count`, cluster.length, rng);
      if (a.fault === 'lose-unsynced') for (const n of nodes) st.crashed.add(n);
      return { kind: 'disk-fault', nodes, fault: a.fault };
    }
    default: {
      const never: never = a;
      throw new Error(`unhandled action ${String(never)}`);
    }
  }
}

/** Picks `count` of the available nodes (sizes relative to the whole cluster, capped by what is available). */
function pick(available: readonly NodeId[], count: NodeCount | undefined, field: string, n: number, rng: Rng): NodeId[] {
  const c = requireOneOf(field, count ?? 'one', ['one', 'minority', 'majority', 'all'] as const);
  const size = c === 'one' ? 1 : c === 'minority' ? Math.max(1, Math.floor((n - 1) / 2)) : c === 'majority' ? Math.floor(n / 2) + 1 : n;
  return rng.shuffled(available).slice(0, Math.min(size, available.length));
}
