import type { ClockFault, NodeId } from '@faultline/core';
import type { Cluster, RuntimeKind } from '@faultline/runtime';
import type { FaultNetwork } from '@faultline/transport';
import type { DemoOption, DemoOptionValues } from './demo-options.ts';
import type { RunRecorder } from '@faultline/report';

/** What a demo runs on: a started cluster, the controller of its network, and where to print. */
export interface DemoContext {
  readonly cluster: Cluster;
  /** Install rules and partitions here; both runtimes apply them to every frame. */
  readonly net: FaultNetwork;
  /** Applies a clock fault to a node (both runtimes). */
  readonly clockFault: (node: NodeId, fault: ClockFault) => Promise<void>;
  readonly out: (line: string) => void;
  /** Where a demo may write files (histories, traces); `runs/` by default. */
  readonly outDir: string;
  /** The demo's own options as given (validated by their `parse`); empty when none. */
  readonly options: DemoOptionValues;
  /** Present when the run writes a report: give it histories, nemesis steps, membership events, counters. */
  readonly record?: RunRecorder;
}

/** What the CLI knows of a demo without loading it (its `<name>-info.ts`): enough for `--list`, `--help` and checking options. */
export interface DemoInfo {
  readonly name: string;
  /** One line for `faultline demo --list`. */
  readonly summary: string;
  readonly defaultNodes: number;
  /** The fewest nodes the demo's story works with. */
  readonly minNodes: number;
  /** Which runtimes it supports; all when absent. */
  readonly runtimes?: readonly RuntimeKind[];
  /** Options of this demo beyond the common ones (`--scene`, `--p`, …). */
  readonly options?: readonly DemoOption[];
  /** Writes a report unless `--no-report` (the flagship does); others only with `--report`. */
  readonly reportByDefault?: boolean;
  /** Why this demo writes no report (its lesson is not on the cluster it was given): `--report` is refused with it. */
  readonly noReport?: string;
  /** What the demo runs on when it is not the cluster it is given (simulations of its own): printed in place of "N nodes", and `--nodes` is refused. */
  readonly ownSimulations?: string;
}

/** A runnable demo: its info, plus the actors it builds on a cluster the CLI started; narrates, returns an exit code. */
export interface Demo extends DemoInfo {
  /** File URLs of the modules defining the demo's actors (worker nodes import them). */
  readonly actorModules: readonly string[];
  run(context: DemoContext): Promise<number>;
}
