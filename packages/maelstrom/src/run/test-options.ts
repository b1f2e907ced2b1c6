import { ConfigError, requireInteger, requireNumber, requireOneOf, requireProbability } from '@faultline/core';
import type { FaultFamily } from '@faultline/transport';
import type { NodeProgram } from '../nodes/node-api.ts';
import { whyNotExecutable } from '../nodes/executable.ts';
import type { ProgramCommand } from '../nodes/process-node.ts';
import { TOPOLOGIES, type TopologyName } from '../workloads/topology.ts';
import { CONSISTENCY_MODELS, type ConsistencyModel } from '../workloads/txn-rw-register.ts';
import { WORKLOAD_NAMES, type WorkloadName } from '../workloads/workload.ts';

/** What runs on each node: an external program (real time) or an in-process program (simulator, replayable). */
export type NodeSource =
  | { readonly kind: 'process'; readonly command: ProgramCommand }
  | { readonly kind: 'in-process'; readonly program: NodeProgram };

/** Latency distributions `--latency-dist` accepts (Maelstrom's names). */
export const LATENCY_DISTS = ['constant', 'uniform', 'exponential'] as const;

/** Nemesis families by Maelstrom's names (`kill` = crash and restart), plus faultline's `link` and `clock`. */
export const MAELSTROM_NEMESES = ['partition', 'kill', 'pause', 'link', 'clock'] as const satisfies readonly FaultFamily[];

export type { FaultFamily };

/** A Maelstrom test: the workload, the program, the network and the faults. */
export interface MaelstromTestOptions {
  readonly workload: WorkloadName;
  readonly nodes: NodeSource;
  readonly nodeCount: number;
  readonly timeLimitMs: number;
  /** Client operations per second, over all clients. */
  readonly rate: number;
  /** Client connections (default: one per node, Maelstrom's `1n`). */
  readonly concurrency?: number;
  /** Mean one-way latency of every message, ms (default 0). */
  readonly latencyMs?: number;
  readonly latencyDist?: (typeof LATENCY_DISTS)[number];
  readonly nemesis?: readonly FaultFamily[];
  /** Quiet time before each fault and how long it lasts, ms (default 10 000 each, Maelstrom's `--nemesis-interval 10`). */
  readonly nemesisIntervalMs?: number;
  /** Probability of losing / duplicating each message between nodes (faultline's own faults). */
  readonly loss?: number;
  readonly duplicate?: number;
  readonly topology?: TopologyName;
  /** txn-rw-register: the consistency model checked (default read-committed). */
  readonly consistency?: ConsistencyModel;
  /** Client request timeout, ms (default 5000, Maelstrom's client.clj); a timeout is an `info` op. */
  readonly timeoutMs?: number;
  /** Wait after the time limit (faults healed) before final reads, ms (default 10 000, Maelstrom's core.clj). */
  readonly recoveryMs?: number;
  /** How long a node may take to answer `init`, ms (default Maelstrom's 10 000; no CLI flag, as in Maelstrom). */
  readonly initTimeoutMs?: number;
  readonly seed?: number;
  /** Fraction of operations that must succeed (Maelstrom's `--availability`; `total` = 1); below it the run is invalid. */
  readonly availability?: number;
  /** Folder for history, stderr of each node, protocol errors and results; none when absent. */
  readonly runDir?: string;
}

/** Checks every field; throws ConfigError naming the first bad one. */
export function validateTestOptions(o: MaelstromTestOptions): MaelstromTestOptions {
  requireOneOf('workload', o.workload, WORKLOAD_NAMES);
  if (typeof o.nodes !== 'object' || o.nodes === null) throw new ConfigError('nodes', o.nodes, 'must say what runs on each node');
  if (o.nodes.kind === 'process') {
    if (typeof o.nodes.command.bin !== 'string' || o.nodes.command.bin === '') throw new ConfigError('--bin', o.nodes.command.bin, 'must name the program to run');
  }
  requireInteger('node-count', o.nodeCount, 1, 100);
  requireNumber('time-limit', o.timeLimitMs, 0, 3_600_000);
  requireNumber('rate', o.rate, 0.001, 100_000);
  if (o.concurrency !== undefined) requireInteger('concurrency', o.concurrency, 1, 1000);
  if (o.latencyMs !== undefined) requireNumber('latency', o.latencyMs, 0, 60_000);
  if (o.latencyDist !== undefined) requireOneOf('latency-dist', o.latencyDist, LATENCY_DISTS);
  for (const n of o.nemesis ?? []) requireOneOf('nemesis', n, MAELSTROM_NEMESES);
  if ((o.nemesis ?? []).includes('clock') && o.nodes.kind === 'process') {
    throw new ConfigError('nemesis', 'clock', 'needs in-process nodes: an external program reads the machine clock, which faultline cannot skew');
  }
  if (o.nemesisIntervalMs !== undefined) requireNumber('nemesis-interval', o.nemesisIntervalMs, 1);
  if (o.loss !== undefined) requireProbability('loss', o.loss);
  if (o.duplicate !== undefined) requireProbability('duplicate', o.duplicate);
  if (o.topology !== undefined) requireOneOf('topology', o.topology, TOPOLOGIES);
  if (o.consistency !== undefined) requireOneOf('consistency-models', o.consistency, CONSISTENCY_MODELS);
  if (o.timeoutMs !== undefined) requireNumber('timeout', o.timeoutMs, 1);
  if (o.recoveryMs !== undefined) requireNumber('recovery', o.recoveryMs, 0);
  if (o.initTimeoutMs !== undefined) requireNumber('initTimeoutMs', o.initTimeoutMs, 1);
  if (o.seed !== undefined) requireInteger('seed', o.seed, 0, 0xffffffff);
  if (o.availability !== undefined) requireProbability('availability', o.availability);
  // Last, so a bad flag is named first: the file system is only asked about a command line that is otherwise right.
  if (o.nodes.kind === 'process') {
    const problem = whyNotExecutable(o.nodes.command.bin);
    if (problem !== undefined) throw new ConfigError('--bin', o.nodes.command.bin, `must be a program that can run: ${problem}`);
  }
  return o;
}
