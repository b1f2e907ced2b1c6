import type { NodeId } from '@faultline/core';
import type { LinkSelector } from '../faults/selector.ts';
import { describeSelector } from '../faults/selector.ts';
import { describeFault, type LinkFault } from '../faults/link-fault.ts';
import type { PartitionPlan } from '../faults/shapes.ts';
import { describeClockFault, type ClockFault, type DiskFault } from '@faultline/core';

/** A fault with every choice made: what a planned schedule holds and what the nemesis executes. */
export type NemesisOp =
  /** Blocks the plan's links (adding to any partition already in place). */
  | { readonly kind: 'partition'; readonly plan: PartitionPlan }
  | { readonly kind: 'heal' }
  | { readonly kind: 'crash'; readonly nodes: readonly NodeId[] }
  | { readonly kind: 'restart'; readonly nodes: readonly NodeId[] }
  | { readonly kind: 'pause'; readonly nodes: readonly NodeId[] }
  | { readonly kind: 'resume'; readonly nodes: readonly NodeId[] }
  | { readonly kind: 'link-fault'; readonly tag: string; readonly target: LinkSelector; readonly fault: LinkFault }
  | { readonly kind: 'remove-link-fault'; readonly tags: readonly string[] }
  | { readonly kind: 'clock'; readonly nodes: readonly NodeId[]; readonly fault: ClockFault }
  | { readonly kind: 'disk-fault'; readonly nodes: readonly NodeId[]; readonly fault: DiskFault };

/** One planned step: run `op` at `at` ms after the nemesis starts. */
export interface PlannedStep {
  readonly at: number;
  readonly op: NemesisOp;
}

/** Renders an op for the nemesis log. */
export function describeOp(op: NemesisOp): string {
  const set = (nodes: readonly string[]) => (nodes.length === 0 ? '(nobody)' : nodes.join(', '));
  switch (op.kind) {
    case 'partition': {
      const p = op.plan;
      const groups = p.groups.map((g) => `{${g.join(',')}}`).join(' | ');
      if (p.shape === 'majorities-ring') return `partition majorities-ring, views ${groups}`;
      if (p.shape === 'one-way') return `partition one-way ${p.groups[0]?.join(',') ?? ''} -/-> ${p.groups[1]?.join(',') ?? ''}`;
      return `partition ${p.shape} ${groups}`;
    }
    case 'heal': return 'heal all partitions';
    case 'crash': return `crash ${set(op.nodes)}`;
    case 'restart': return `restart ${set(op.nodes)}`;
    case 'pause': return `pause ${set(op.nodes)}`;
    case 'resume': return `resume ${set(op.nodes)}`;
    case 'link-fault': return `link fault ${op.tag}: ${describeFault(op.fault)} on ${describeSelector(op.target)}`;
    case 'remove-link-fault': return `remove link faults ${op.tags.length === 0 ? '(none)' : op.tags.join(', ')}`;
    case 'clock': return `clock ${describeClockFault(op.fault)} on ${set(op.nodes)}`;
    case 'disk-fault': return `disk ${DISK_FAULT_WORDS[op.fault]} on ${set(op.nodes)}`;
  }
}

/** How the nemesis log says each disk fault. */
const DISK_FAULT_WORDS = {
  'corrupt': 'corrupt a synced record',
  'lose-unsynced': 'crash losing unsynced writes',
  'slow': 'slow syncs',
  'fast': 'syncs at full speed again',
} as const;
