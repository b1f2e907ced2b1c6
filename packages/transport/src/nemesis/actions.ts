import type { LinkSelector } from '../faults/selector.ts';
import type { LinkFault } from '../faults/link-fault.ts';
import type { PartitionShape } from '../faults/shapes.ts';
import type { ClockFault, DiskFault } from '@faultline/core';
import type { NodeGroup } from '../faults/nodes.ts';

/** How many nodes a node fault hits when no nodes are named: one, a minority, a majority, or all. */
export type NodeCount = 'one' | 'minority' | 'majority' | 'all';

/**
 * One fault (or its undoing) in a declarative schedule. Open choices (which nodes, which groups)
 * are made when the schedule is planned, from the nemesis seed. Wherever a group of nodes is
 * asked for, a single node name is accepted too.
 */
export type NemesisAction =
  /** Adds a named partition shape (groups drawn from the seed; `node` fixes the isolated node). */
  | { readonly kind: 'partition'; readonly shape: PartitionShape; readonly node?: string }
  /** Adds a partition into these disjoint groups. */
  | { readonly kind: 'partition-groups'; readonly groups: readonly NodeGroup[] }
  /** Cuts `from → to` while `to → from` keeps working. */
  | { readonly kind: 'partition-one-way'; readonly from: NodeGroup; readonly to: NodeGroup }
  /** Heals every partition. */
  | { readonly kind: 'heal' }
  /** Crashes the named nodes, or `count` random running ones (default one). */
  | { readonly kind: 'crash'; readonly nodes?: NodeGroup; readonly count?: NodeCount }
  /** Restarts the named nodes, or every node this nemesis crashed. */
  | { readonly kind: 'restart'; readonly nodes?: NodeGroup }
  /** Pauses the named nodes, or `count` random running ones (default one). */
  | { readonly kind: 'pause'; readonly nodes?: NodeGroup; readonly count?: NodeCount }
  /** Resumes the named nodes, or every node this nemesis paused. */
  | { readonly kind: 'resume'; readonly nodes?: NodeGroup }
  /** Installs a link rule (at the front of the list), remembered by `tag` (default `f<step>`). */
  | { readonly kind: 'link-fault'; readonly target: LinkSelector; readonly fault: LinkFault; readonly tag?: string }
  /** Removes the link rule with this tag, or every one this nemesis installed. */
  | { readonly kind: 'remove-link-fault'; readonly tag?: string }
  /** Applies a clock fault to the named nodes, or `count` random ones; a `reset` with no nodes resets every skewed node. */
  | { readonly kind: 'clock'; readonly fault: ClockFault; readonly nodes?: NodeGroup; readonly count?: NodeCount }
  /** A disk fault on the named nodes, or `count` random running ones (needs the simulator's disk model); `lose-unsynced` leaves them crashed. */
  | { readonly kind: 'disk-fault'; readonly fault: DiskFault; readonly nodes?: NodeGroup; readonly count?: NodeCount };

/** One entry of a declarative schedule: do `do` at `at` ms after the nemesis starts. */
export interface NemesisStep {
  readonly at: number;
  readonly do: NemesisAction;
}

/** Every action kind, in documentation order. */
export const NEMESIS_ACTION_KINDS = [
  'partition', 'partition-groups', 'partition-one-way', 'heal', 'crash', 'restart', 'pause', 'resume',
  'link-fault', 'remove-link-fault', 'clock', 'disk-fault',
] as const;
