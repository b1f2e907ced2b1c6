import { ConfigError, requireInteger, requireNumber, requireOneOf, requireProbability } from '@faultline/core';
import type { FaultFamily } from '@faultline/transport';
import type { NodeProgram } from '../nodes/node-api.ts';
import { whyNotExecutable } from '../nodes/executable.ts';
import type { ProgramCommand } from '../nodes/process-node.ts';
import { TOPOLOGIES, type TopologyName } from '../workloads/topology.ts';
import { validateConsistencyModels, type ConsistencyModel } from '../workloads/txn/consistency.ts';
import { isClientId } from '../net/maelstrom-net.ts';
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
  /** txn workloads: the consistency models checked (Elle's names; default strict-serializable, as Maelstrom). */
  readonly consistencyModels?: readonly ConsistencyModel[];
  /** txn workloads: keys in use at once (Maelstrom's `--key-count`; default 10, Elle's). */
  readonly keyCount?: number;
  /** txn workloads: most micro-ops per transaction (`--max-txn-length`, default 4). */
  readonly maxTxnLength?: number;
  /** txn workloads: writes to a key before a fresh key replaces it (`--max-writes-per-key`, default 16). */
  readonly maxWritesPerKey?: number;
  /** The nodes' ids (Maelstrom's `--nodes`); default n0…n(nodeCount-1). Its length must equal nodeCount. */
  readonly nodeNames?: readonly string[];
  /** Print each node's stderr lines on the log as they come (Maelstrom's `--log-stderr`). */
  readonly logStderr?: boolean;
  /** Print every message when sent / when delivered (Maelstrom's `--log-net-send`, `--log-net-recv`). */
  readonly logNetSend?: boolean;
  readonly logNetRecv?: boolean;
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
  if (o.consistencyModels !== undefined) validateConsistencyModels('consistency-models', o.consistencyModels);
  if (o.keyCount !== undefined) requireInteger('key-count', o.keyCount, 1, 10_000);
  if (o.maxTxnLength !== undefined) requireInteger('max-txn-length', o.maxTxnLength, 1, 1000);
  if (o.maxWritesPerKey !== undefined) requireInteger('max-writes-per-key', o.maxWritesPerKey, 1, 1_000_000);
  if (o.nodeNames !== undefined) validateNodeNames(o.nodeNames, o.nodeCount);
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

/** Ids Maelstrom's services use; a node may not take one. */
const RESERVED_IDS = ['lin-kv', 'seq-kv', 'lww-kv', 'lin-tso'];

/** `--nodes`: unique plain ids, none a client id (`c…`) or a service's, as many as `nodeCount`. */
function validateNodeNames(names: readonly string[], nodeCount: number): void {
  if (names.length !== nodeCount) throw new ConfigError('nodes', names.join(','), `names ${names.length} nodes but node-count is ${nodeCount}`);
  const seen = new Set<string>();
  for (const n of names) {
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(n)) throw new ConfigError('nodes', n, 'must be 1-64 letters, digits, _ . or -');
    if (isClientId(n)) throw new ConfigError('nodes', n, "must not start with 'c' (Maelstrom's ids for clients)");
    if (RESERVED_IDS.includes(n)) throw new ConfigError('nodes', n, 'is the id of a Maelstrom service');
    if (seen.has(n)) throw new ConfigError('nodes', n, 'is named twice');
    seen.add(n);
  }
}
