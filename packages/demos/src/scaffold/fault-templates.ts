/**
 * The scaffold's second example: the counter under faults, end to end as the lessons do it — a
 * fault network and a nemesis, a recorded history checked by the counter model, a report — on
 * the simulator and, with `--workers`, on worker threads, unchanged (the `faults` option).
 */

/** src/scenario.ts: the scenario, written against `Cluster` only, so every runtime runs it. */
export const SCENARIO = `import { checkHistory, counterModel, type CheckResult, type HistoryEvent } from '@faultline/checker';
import type { AskOutcome } from '@faultline/core';
import { Recorder } from '@faultline/history';
import { Nemesis, type NemesisLogEntry } from '@faultline/transport';
import type { Cluster } from '@faultline/runtime';
import { Client, Counter } from './actors.js';

/** What one run under faults gave: the history, its verdict, what the nemesis did. */
export interface FaultRun {
  readonly events: readonly HistoryEvent[];
  readonly check: CheckResult;
  readonly nemesis: readonly NemesisLogEntry[];
}

/**
 * The counter on n1, two clients on n2 and n3 asking it across the fault network, while a nemesis
 * partitions, kills and pauses nodes. Every client operation is recorded (ok, fail, or info when
 * the outcome is unknown) and the counter model checks the history: every read must equal the
 * acknowledged adds plus some of those whose outcome is unknown. Needs a cluster started with \`faults\`.
 */
export async function runUnderFaults(cluster: Cluster, seed: number, durationMs = 6000): Promise<FaultRun> {
  const counter = await cluster.spawn('n1', 'counter', Counter, undefined);
  const clients = [await cluster.spawn('n2', 'client', Client, counter), await cluster.spawn('n3', 'client', Client, counter)];
  // Families left out on purpose: 'link' duplicates messages, and this counter's add is not
  // idempotent — add it and watch the checker catch a read above every acknowledged add.
  const nemesis = new Nemesis(cluster.faultTarget(), { seed, generate: { families: ['partition', 'kill', 'pause'], intervalMs: 500, durationMs: 700, untilMs: durationMs - 1000 } });
  // On workers cluster.now() counts from the cluster's creation, worker start-up included: count from here.
  const start = cluster.now();
  const faults = nemesis.run((ms) => cluster.sleep(ms));
  const history = new Recorder(() => cluster.now());
  await Promise.all(clients.map(async (client, i) => {
    let process = history.freshProcess();
    for (let n = 0; cluster.now() - start < durationMs; n++) {
      const op = n % 3 === 2 ? { f: 'read' as const } : { f: 'add' as const, value: i + 1 };
      const outcome = await history.record(process, op, () => askThrough(cluster, client, op), (reply: number) => op.f === 'read' ? reply : op.value ?? null);
      if (outcome.status === 'unknown') process = history.freshProcess(); // it may still happen: Jepsen's rule
      await cluster.sleep(50);
    }
  }));
  const log = await faults;
  return { events: history.events, check: checkHistory(counterModel, history.events), nemesis: log };
}

/** Asks a client actor, which asks the counter: the client's outcome is the operation's. */
async function askThrough(cluster: Cluster, client: Awaited<ReturnType<Cluster['spawn']>>, op: { f: 'add' | 'read'; value?: number }): Promise<AskOutcome<number>> {
  const outer = await cluster.ask<AskOutcome<number>>(client, op.f === 'add' ? { type: 'add', n: op.value ?? 0 } : { type: 'read' }, { timeoutMs: 2000 });
  return outer.status === 'ok' ? outer.value : outer;
}
`;

/** src/faults.ts: runs the scenario on the simulator (default) or worker threads, and writes its report. */
export const FAULTS_SCRIPT = `import { join } from 'node:path';
import { nemesisRecord, RunRecorder, writeReport } from '@faultline/report';
import { isNodeWorker, siblingModule, Simulation, WorkerCluster, type Cluster } from '@faultline/runtime';
import { networkPresets } from '@faultline/transport';
import { runUnderFaults } from './scenario.js';

const onWorkers = process.argv.includes('--workers');
const seed = Number(process.env['SEED'] ?? 1);

async function main(): Promise<void> {
  const runtime = onWorkers ? 'workers' : 'sim';
  const replay = \`SEED=\${seed} npm run faults\${onWorkers ? ' -- --workers' : ''}\`;
  console.log(\`seed \${seed} on \${runtime} (\${replay} repeats its random choices)\`);
  const dir = join('runs', \`faults-\${runtime}-\${seed}\`);
  // The recorder keeps what the report draws; in the simulator it also records every message.
  const record = new RunRecorder({ dir, title: 'the counter under faults', seed, runtime, nodes: ['n1', 'n2', 'n3'], replay, trace: !onWorkers });
  const cluster: Cluster = onWorkers
    ? await WorkerCluster.start({ seed, nodes: 3, modules: [siblingModule(import.meta.url, './actors.ts')], faults: networkPresets.lan })
    : new Simulation({ seed, nodes: 3, faults: networkPresets.lan, onTrace: record.onTrace });
  try {
    const run = await runUnderFaults(cluster, seed);
    for (const step of run.nemesis) console.log(\`  \${step.at.toFixed(0).padStart(5)} ms  \${step.text}\${step.lateMs ? \` (\${step.lateMs.toFixed(0)} ms late)\` : ''}\`);
    console.log(\`\${run.events.length / 2} operations, verdict: \${run.check.verdict}\`);
    // One clock for the whole run folder: the cluster's true time (cluster.now()), as the history's.
    record.history({ name: 'counter', model: 'counter', events: run.events, check: run.check });
    record.nemesisSteps(run.nemesis.map((e) => nemesisRecord(e, e.now ?? e.at)));
    record.countersSnapshot('network', await cluster.networkCounters());
    record.finish(cluster.now());
    console.log(\`report: \${await writeReport(dir)}\`);
    if (run.check.verdict !== 'linearizable') process.exitCode = 1;
  } finally {
    await cluster.shutdown();
  }
}

if (!isNodeWorker()) await main();
`;

/** test/faults.test.ts: the scenario over a few seeds, in the simulator. */
export const FAULTS_TEST = `import { describe, expect, it } from 'vitest';
import { Simulation } from '@faultline/runtime';
import { networkPresets } from '@faultline/transport';
import { runUnderFaults } from '../src/scenario.js';

describe('the counter under faults, in the simulator', () => {
  it('stays linearizable through partitions, kills and pauses, over seeds 1 to 3', async () => {
    for (const seed of [1, 2, 3]) {
      const sim = new Simulation({ seed, nodes: 3, faults: networkPresets.lan });
      try {
        const run = await runUnderFaults(sim, seed);
        expect(run.nemesis.length, \`seed \${seed}\`).toBeGreaterThan(0);
        expect(run.check.verdict, \`seed \${seed}: SEED=\${seed} npm run faults shows it\`).toBe('linearizable');
      } finally {
        await sim.shutdown();
      }
    }
  }, 60_000);
});
`;
