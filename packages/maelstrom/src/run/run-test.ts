import { performance } from 'node:perf_hooks';
import { createRng, dist, nodeId, freshSeed, type Distribution } from '@faultline/core';
import { fault, FaultNetwork, Nemesis, select, type CountersSnapshot, type FaultTarget, type NemesisLogEntry } from '@faultline/transport';
import { MaelstromNet } from '../net/maelstrom-net.ts';
import { RealScheduler, SimScheduler, type Scheduler } from '../net/scheduler.ts';
import type { HostedNode } from '../nodes/hosted-node.ts';
import { InProcessNode } from '../nodes/in-process-node.ts';
import { ProcessNode } from '../nodes/process-node.ts';
import { describeViolation, type ProtocolViolation } from '../protocol/validate.ts';
import { KV_SERVICES, KvService } from '../services/kv-service.ts';
import { createWorkload } from '../workloads/registry.ts';
import type { CheckReport, PhaseContext } from '../workloads/workload.ts';
import { AdminClient } from './admin.ts';
import { ClientPool } from './clients.ts';
import { historyLines, type OpRecord } from './history.ts';
import { nemesisTime } from './nemesis-time.ts';
import { RunFiles } from './run-files.ts';
import { runStats, type RunStats } from './stats.ts';
import { validateTestOptions, type MaelstromTestOptions } from './test-options.ts';

/** How long a node may take to answer `init` (a program's start-up on a busy machine can take seconds). */
export const INIT_TIMEOUT_MS = 30_000;

/** Exit codes of a test, as `faultline check`: 0 valid, 1 invalid, 2 unknown. */
export const TEST_EXIT = { valid: 0, invalid: 1, unknown: 2 } as const;

/** Everything a test found. */
export interface MaelstromTestResult {
  readonly seed: number;
  readonly valid: CheckReport['valid'];
  readonly exitCode: 0 | 1 | 2;
  readonly check: CheckReport;
  readonly stats: RunStats;
  /** Lines nodes wrote that broke the protocol (the first 100) and how many in all. */
  readonly protocolErrors: readonly ProtocolViolation[];
  readonly protocolErrorCount: number;
  /** Messages delivered, as Maelstrom would, despite something unusual: count per kind. */
  readonly protocolWarnings: Readonly<Record<string, number>>;
  /** Nodes whose program exited on its own (not by the nemesis). */
  readonly unexpectedExits: readonly string[];
  readonly nemesisLog: readonly NemesisLogEntry[];
  /** Wall-clock duration of the whole run, ms (virtual runs take far less than their time limit). */
  readonly wallMs: number;
  /** The run's own duration in its time base, ms. */
  readonly runMs: number;
  /** Run time until every node answered `init` (program start-up; not part of the time limit). */
  readonly startupMs: number;
  readonly runDir: string | undefined;
  /** Every client operation, harness phases included (what `history.jsonl` holds). */
  readonly ops: readonly OpRecord[];
  /** The fault network's counters per directed link; clients and services count as the `driver` end. */
  readonly counters: CountersSnapshot;
}

/**
 * Runs one Maelstrom test: starts the nodes, sends `init`, runs the workload's clients at `rate`
 * for the time limit while the nemesis injects faults, heals, waits, runs final reads, checks.
 * External programs run in real time; in-process programs run in virtual time and replay exactly.
 */
export async function runMaelstromTest(options: MaelstromTestOptions, log: (line: string) => void = () => {}): Promise<MaelstromTestResult> {
  const o = validateTestOptions(options);
  const started = performance.now();
  const seed = o.seed ?? freshSeed();
  const rng = createRng(seed);
  const files = new RunFiles(o.runDir);
  const scheduler: Scheduler = o.nodes.kind === 'process' ? new RealScheduler() : new SimScheduler();
  const nodeIds = Array.from({ length: o.nodeCount }, (_, i) => `n${i}`);
  const latencyMs = o.latencyMs ?? 0;
  const faults = new FaultNetwork({ nodes: nodeIds, baseLatency: latency(latencyMs, o.latencyDist ?? 'constant') }, rng.derive('network'));
  if (o.loss) faults.install({ target: select.all(false), fault: fault.drop(o.loss), label: 'loss' });
  if (o.duplicate) faults.install({ target: select.all(false), fault: fault.duplicate(o.duplicate), label: 'duplicate' });
  const net = new MaelstromNet(scheduler, faults, nodeIds);
  for (const name of KV_SERVICES) net.register(name, new KvService(name, net, rng.derive(`service:${name}`)));
  const admin = new AdminClient(net, scheduler);
  const violations: ProtocolViolation[] = [];
  let violationCount = 0;
  const warnings: Record<string, number> = {};
  const unexpectedExits: string[] = [];
  const nodes = new Map<string, HostedNode>();
  for (const id of nodeIds) {
    const node: HostedNode = o.nodes.kind === 'process'
      ? new ProcessNode(id, o.nodes.command, net, files.path(`${id}.stderr.log`) ?? '/dev/null', {
        violation: (v) => {
          violationCount++;
          if (violations.length < 100) violations.push(v);
          files.append('protocol-errors.log', describeViolation(v));
          if (violationCount <= 5) log(`protocol error: ${describeViolation(v)}`);
        },
        warning: (n, w) => {
          warnings[w] = (warnings[w] ?? 0) + 1;
          if (warnings[w] === 1) log(`protocol warning: ${n} sent a message with ${w}; delivered anyway, as Maelstrom does`);
        },
        exited: (n, code, signal) => {
          unexpectedExits.push(n);
          log(`node ${n} exited on its own (code ${code}, signal ${signal}); messages to it are dropped`);
        },
      })
      : new InProcessNode(id, o.nodes.program, scheduler, net, rng.derive(`node:${id}`), (n, text) => files.append(`${n}.stderr.log`, text));
    nodes.set(id, node);
    net.register(id, node);
  }
  const workload = createWorkload(o.workload, { ...(o.topology === undefined ? {} : { topology: o.topology }), ...(o.consistency === undefined ? {} : { consistency: o.consistency }) });
  const timeoutMs = o.timeoutMs ?? 1000;
  const pool = new ClientPool(net, scheduler, nodeIds, o.concurrency ?? 2 * o.nodeCount, timeoutMs);
  const phase: PhaseContext = {
    nodeIds,
    call: (node, op, p, complete) => pool.invoke(pool.anyClient(), op, { node, phase: p, complete }),
  };
  const target: FaultTarget = {
    nodes: nodeIds.map(nodeId),
    network: faults,
    crash: async (n) => nodes.get(n)?.crash(),
    restart: async (n) => {
      nodes.get(n)?.start();
      void admin.init(n, nodeIds, INIT_TIMEOUT_MS);
    },
    pause: async (n) => nodes.get(n)?.pause(),
    resume: async (n) => nodes.get(n)?.resume(),
    now: () => scheduler.now(),
    ...(o.nodes.kind === 'in-process' ? { clockFault: (n: string, f: Parameters<NonNullable<FaultTarget['clockFault']>>[1]) => (nodes.get(n) as InProcessNode).clockFault(f) } : {}),
  };
  const families = o.nemesis ?? [];
  const interval = o.nemesisIntervalMs ?? 1000;
  const nemesis = families.length === 0 ? undefined : new Nemesis(target, {
    seed: rng.derive('nemesis').int(0xffffffff),
    generate: { families, intervalMs: interval, durationMs: interval, untilMs: o.timeLimitMs },
  });
  log(`maelstrom test -w ${o.workload}: ${o.nodeCount} nodes, ${o.timeLimitMs / 1000} s at ${o.rate}/s, latency ${latencyMs} ms, nemesis ${families.join(',') || 'none'}, seed ${seed} (${scheduler.kind} time)`);

  const body = async () => {
    for (const n of nodes.values()) n.start();
    // The time limit starts once every node answered init: a program's start-up is not part of the test.
    const inits = await Promise.all(nodeIds.map((n) => admin.init(n, nodeIds, INIT_TIMEOUT_MS)));
    const silent = nodeIds.filter((_, i) => inits[i]?.body.type !== 'init_ok');
    if (silent.length > 0) log(`no init_ok from ${silent.join(', ')} within ${INIT_TIMEOUT_MS / 1000} s; the test goes on`);
    const t0 = scheduler.now();
    startupMs = t0;
    await workload.setup?.(phase);
    const nemesisDone = nemesis?.run((ms) => scheduler.sleep(ms));
    const genRng = rng.derive('generator');
    const inflight: Promise<unknown>[] = [];
    const end = t0 + o.timeLimitMs;
    // Invocation times are drawn up front (uniform gaps averaging 1/rate) and kept on an absolute
    // schedule: when timers run late (a busy machine), the ops that fell due are issued at once.
    let due = t0;
    let skipped = 0;
    for (;;) {
      due += genRng.next() * (2000 / o.rate);
      if (due >= end) break;
      if (due > scheduler.now()) await scheduler.sleep(due - scheduler.now());
      const op = workload.generate(genRng);
      const free = pool.free();
      if (free.length === 0) { skipped++; continue; }
      const client = genRng.pick(free);
      inflight.push(pool.invoke(client, op, { complete: (r) => workload.complete(op.f, r) }));
    }
    if (end > scheduler.now()) await scheduler.sleep(end - scheduler.now());
    skippedOps = skipped;
    await Promise.all(inflight);
    await nemesisDone;
    await scheduler.sleep(o.recoveryMs ?? Math.max(1000, 10 * latencyMs));
    await workload.final?.(phase);
    return scheduler.now();
  };
  let runMs: number;
  let startupMs = 0;
  let skippedOps = 0;
  try {
    runMs = await scheduler.drive(body());
  } finally {
    for (const n of nodes.values()) await n.stop();
    if (scheduler instanceof RealScheduler) scheduler.cancelAll();
  }
  const stats = { ...runStats(pool.ops, net.stats), skipped: skippedOps };
  const check = withAvailability(workload.check(pool.ops, nodeIds), stats, o.availability);
  files.write('history.jsonl', `${historyLines(pool.ops).join('\n')}\n`);
  const nemesisLog = nemesis?.log ?? [];
  if (nemesisLog.length > 0) files.write('nemesis.log', `${nemesisLog.map((e) => `${Math.round(nemesisTime(e, startupMs))}ms ${e.text}${e.ok ? '' : ` (failed: ${e.error})`}`).join('\n')}\n`);
  const exitCode = check.valid === true ? TEST_EXIT.valid : check.valid === false ? TEST_EXIT.invalid : TEST_EXIT.unknown;
  const result: MaelstromTestResult = {
    seed, valid: check.valid, exitCode, check, stats, protocolErrors: violations, protocolErrorCount: violationCount, protocolWarnings: warnings,
    unexpectedExits, nemesisLog, wallMs: performance.now() - started, runMs, startupMs, runDir: o.runDir,
    ops: pool.ops, counters: faults.counters.snapshot(),
  };
  const { ops: _ops, counters: _counters, ...summary } = result;
  files.write('results.json', `${JSON.stringify({ ...summary, protocolErrors: violations.slice(0, 20) }, null, 2)}\n`);
  return result;
}

function latency(ms: number, kind: 'constant' | 'uniform' | 'exponential'): Distribution {
  if (ms === 0) return dist.constant(0);
  switch (kind) {
    case 'constant': return dist.constant(ms);
    case 'uniform': return dist.uniform(0, 2 * ms);
    case 'exponential': return dist.exponential(ms);
    default: {
      const never: never = kind;
      throw new Error(`unknown latency distribution ${String(never)}`);
    }
  }
}

/** Maelstrom's `--availability`: too few successful operations make an otherwise valid run invalid. */
function withAvailability(check: CheckReport, stats: RunStats, required: number | undefined): CheckReport {
  if (required === undefined || stats.availability >= required) return check;
  return {
    ...check,
    valid: false,
    anomalies: { ...check.anomalies, availability: 1 },
    lines: [...check.lines, `availability: ${stats.availability} of operations succeeded, ${required} required`],
  };
}
