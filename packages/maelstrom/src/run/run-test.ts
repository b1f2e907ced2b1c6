import { performance } from 'node:perf_hooks';
import { createRng, dist, nodeId, freshSeed, type Distribution } from '@faultline/core';
import { fault, FaultNetwork, Nemesis, select, type CountersSnapshot, type FaultTarget, type NemesisLogEntry } from '@faultline/transport';
import { MaelstromNet, type JournalEntry } from '../net/maelstrom-net.ts';
import { MessageMatrix, type MessageMatrixSnapshot } from '../net/message-matrix.ts';
import { RealScheduler, SimScheduler, type Scheduler } from '../net/scheduler.ts';
import { InProcessNode } from '../nodes/in-process-node.ts';
import { ProcessNode } from '../nodes/process-node.ts';
import type { ProtocolViolation } from '../protocol/validate.ts';
import { KV_SERVICES, KvService } from '../services/kv-service.ts';
import { TsoService } from '../services/tso-service.ts';
import { escapeControl } from '../protocol/terminal-text.ts';
import { createWorkload } from '../workloads/registry.ts';
import type { CheckReport, PhaseContext } from '../workloads/workload.ts';
import { AdminClient } from './admin.ts';
import { STDERR_CAP_BYTES } from './bounded-log.ts';
import { ClientPool } from './clients.ts';
import { historyLines, type OpRecord } from './history.ts';
import { HostedNodes } from './hosted-nodes.ts';
import { nemesisTime } from './nemesis-time.ts';
import { RunFiles } from './run-files.ts';
import { runStats, type RunStats } from './stats.ts';
import { effectiveSettings, MAELSTROM_DEFAULTS } from './defaults.ts';
import { validateTestOptions, type MaelstromTestOptions } from './test-options.ts';
import { withAvailability, withCrashes, type NodeCrash } from './verdict.ts';

/** How long a node may take to answer `init`: Maelstrom's (db.clj), 10 s. */
export const INIT_TIMEOUT_MS = MAELSTROM_DEFAULTS.initTimeoutMs;

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
  /** What the capped logs left out: node stderr bytes past {@link STDERR_CAP_BYTES}, protocol-error lines past {@link PROTOCOL_LOG_CAP_BYTES}. */
  readonly logsTruncated: { readonly stderrBytes: number; readonly protocolErrorLines: number };
  /** Nodes whose program exited on its own (not by the nemesis). */
  readonly unexpectedExits: readonly string[];
  /** How and when each of them exited, with the last lines of its stderr. */
  readonly crashes: readonly NodeCrash[];
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
  /** Messages per pair of ends (nodes, clients, services), per type and over time, from the network journal. */
  readonly messages: MessageMatrixSnapshot;
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
  const settings = effectiveSettings(o);
  const rng = createRng(seed);
  const files = new RunFiles(o.runDir);
  const scheduler: Scheduler = o.nodes.kind === 'process' ? new RealScheduler() : new SimScheduler();
  const nodeIds = o.nodeNames ? [...o.nodeNames] : Array.from({ length: o.nodeCount }, (_, i) => `n${i}`);
  const latencyMs = settings.latencyMs;
  const faults = new FaultNetwork({ nodes: nodeIds, baseLatency: latency(latencyMs, o.latencyDist ?? 'constant') }, rng.derive('network'));
  if (o.loss) faults.install({ target: select.all(false), fault: fault.drop(o.loss), label: 'loss' });
  if (o.duplicate) faults.install({ target: select.all(false), fault: fault.duplicate(o.duplicate), label: 'duplicate' });
  let t0Run = 0;
  const matrix = new MessageMatrix(nodeIds, () => t0Run);
  const netLog = (e: JournalEntry) => {
    matrix.record(e);
    if ((e.event === 'send' && o.logNetSend) || (e.event === 'recv' && o.logNetRecv)) log(`${Math.round(e.time)}ms ${e.event} ${escapeControl(JSON.stringify(e.message)).slice(0, 2000)}`);
  };
  const net = new MaelstromNet(scheduler, faults, nodeIds, netLog);
  for (const name of KV_SERVICES) net.register(name, new KvService(name, net, rng.derive(`service:${name}`)));
  net.register(TsoService.NAME, new TsoService(net));
  const stderrLine = (n: string, text: string) => {
    for (const line of text.split('\n')) if (line !== '') log(`${n} stderr: ${escapeControl(line).slice(0, 2000)}`);
  };
  const admin = new AdminClient(net, scheduler);
  const hosted = new HostedNodes(o.nodes, nodeIds, net, scheduler, rng, files, log, o.logStderr ? stderrLine : undefined);
  const nodes = hosted.nodes;
  const diagnostics = hosted.diagnostics;
  const txnShape = {
    ...(o.keyCount === undefined ? {} : { keyCount: o.keyCount }),
    ...(o.maxTxnLength === undefined ? {} : { maxTxnLength: o.maxTxnLength }),
    ...(o.maxWritesPerKey === undefined ? {} : { maxWritesPerKey: o.maxWritesPerKey }),
  };
  const workload = createWorkload(o.workload, {
    ...(o.topology === undefined ? {} : { topology: o.topology }),
    ...(o.consistencyModels === undefined ? {} : { consistencyModels: o.consistencyModels }),
    txnShape,
  });
  const timeoutMs = settings.timeoutMs;
  const pool = new ClientPool(net, scheduler, nodeIds, settings.concurrency, timeoutMs);
  const phase: PhaseContext = {
    nodeIds,
    call: (node, op, p, complete) => pool.invoke(pool.anyClient(), op, { node, phase: p, complete }),
  };
  const target: FaultTarget = {
    nodes: nodeIds.map(nodeId),
    network: faults,
    crash: async (n) => { pool.release(n); nodes.get(n)?.crash(); },
    restart: async (n) => {
      nodes.get(n)?.start();
      // A restarted node gets what a fresh one gets: init, then the workload's per-node set-up
      // (broadcast: its topology), so a program that waits for its topology works after a kill.
      // Until both are answered, the clients' requests to it wait (their timeout running).
      pool.holdUntil(n, admin.init(n, nodeIds, settings.initTimeoutMs).then(async (reply) => {
        if (reply?.body.type === 'init_ok') await workload.prepareNode?.(phase, n);
      }));
    },
    pause: async (n) => nodes.get(n)?.pause(),
    resume: async (n) => nodes.get(n)?.resume(),
    now: () => scheduler.now(),
    ...(o.nodes.kind === 'in-process' ? { clockFault: (n: string, f: Parameters<NonNullable<FaultTarget['clockFault']>>[1]) => (nodes.get(n) as InProcessNode).clockFault(f) } : {}),
  };
  const families = o.nemesis ?? [];
  const interval = settings.nemesisIntervalMs;
  const nemesis = families.length === 0 ? undefined : new Nemesis(target, {
    seed: rng.derive('nemesis').int(0xffffffff),
    generate: { families, intervalMs: interval, durationMs: interval, untilMs: o.timeLimitMs },
  });
  log(`maelstrom test -w ${o.workload}: ${o.nodeCount} nodes, ${o.timeLimitMs / 1000} s at ${o.rate}/s, latency ${latencyMs} ms, nemesis ${families.join(',') || 'none'}${families.length > 0 ? ` every ${interval / 1000} s` : ''}, ${settings.concurrency} clients, client timeout ${timeoutMs / 1000} s, seed ${seed} (${scheduler.kind} time)`);

  const body = async () => {
    // The time limit starts once every node answered init: a program's start-up is not part of the test.
    await hosted.startAll(admin, nodeIds, settings.initTimeoutMs);
    const t0 = scheduler.now();
    startupMs = t0;
    t0Run = t0;
    await Promise.all(nodeIds.map((n) => workload.prepareNode?.(phase, n)));
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
    // As core.clj: only a workload with final reads waits for recovery before them.
    if (workload.final) {
      await scheduler.sleep(settings.recoveryMs);
      await workload.final(phase);
    }
    return scheduler.now();
  };
  let runMs: number;
  let startupMs = 0;
  let skippedOps = 0;
  try {
    runMs = await scheduler.drive(body());
  } finally {
    // In parallel: each stop waits (bounded) for its node's whole process group to be gone.
    await Promise.all([...nodes.values()].map((n) => n.stop()));
    if (scheduler instanceof RealScheduler) scheduler.cancelAll();
    await hosted.closeLogs();
  }
  if (pool.refusedReplies > 0) diagnostics.warnings['reply-from-unasked-node'] = pool.refusedReplies;
  const stderrDropped = [...nodes.values()].reduce((sum, n) => sum + (n instanceof ProcessNode ? n.stderr.droppedBytes : 0), 0) + hosted.inProcessDroppedBytes();
  const stats = { ...runStats(pool.ops, net.stats), skipped: skippedOps };
  const check = withCrashes(withAvailability(workload.check(pool.ops, nodeIds), stats, o.availability), diagnostics.crashes);
  files.write('history.jsonl', `${historyLines(pool.ops).join('\n')}\n`);
  const nemesisLog = nemesis?.log ?? [];
  if (nemesisLog.length > 0) files.write('nemesis.log', `${nemesisLog.map((e) => `${Math.round(nemesisTime(e, startupMs))}ms ${e.text}${e.ok ? '' : ` (failed: ${e.error})`}`).join('\n')}\n`);
  const exitCode = check.valid === true ? TEST_EXIT.valid : check.valid === false ? TEST_EXIT.invalid : TEST_EXIT.unknown;
  const result: MaelstromTestResult = {
    seed, valid: check.valid, exitCode, check, stats, protocolErrors: diagnostics.violations, protocolErrorCount: diagnostics.violationCount,
    protocolWarnings: diagnostics.warnings, logsTruncated: { stderrBytes: stderrDropped, protocolErrorLines: hosted.protocolLog.droppedWrites },
    unexpectedExits: diagnostics.unexpectedExits, crashes: diagnostics.crashes, nemesisLog, wallMs: performance.now() - started, runMs, startupMs, runDir: o.runDir,
    ops: pool.ops, counters: faults.counters.snapshot(), messages: matrix.snapshot(),
  };
  const { ops: _ops, counters: _counters, messages: _messages, ...summary } = result;
  files.write('results.json', `${JSON.stringify({ ...summary, protocolErrors: diagnostics.violations.slice(0, 20) }, null, 2)}\n`);
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
