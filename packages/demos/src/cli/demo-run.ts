import { join } from 'node:path';
import { ConfigError, parseSeed, requireInteger, requireOneOf } from '@faultline/core';
import { RunRecorder, writeReport } from '@faultline/report';
import { resolveSeed } from '@faultline/runtime';
import type { DemoInfo } from '../demo.ts';
import { loadDemo } from '../demo-loaders.ts';
import { validateDemoOptions } from '../demo-options.ts';
import { stringOption, type ParsedArgs } from './args.ts';
import { startCluster, type StartedCluster } from './start-cluster.ts';
import { Progress, progressEnabled } from './progress.ts';
import { natsOptions, natsReplay } from './nats-options.ts';

/** Runs one demo named in the catalog, with the command line demo-command.ts checked: imports that demo only. */
export async function runDemo(demo: DemoInfo, args: ParsedArgs, out: (line: string) => void): Promise<number> {
  const name = demo.name;
  const own = (demo.options ?? []).map((o) => o.name);
  const options = new Map<string, string>();
  for (const flag of own) {
    const text = stringOption(args, flag);
    if (text !== undefined) options.set(flag, text);
  }
  validateDemoOptions(demo.options ?? [], options);
  const runtime = requireOneOf('--runtime', stringOption(args, 'runtime') ?? 'sim', ['sim', 'workers', 'nats']);
  const nats = natsOptions(args, runtime);
  if (demo.runtimes && !demo.runtimes.includes(runtime)) throw new ConfigError('--runtime', runtime, `is not supported by demo ${name}; it runs on ${demo.runtimes.join(', ')}`);
  const seedText = stringOption(args, 'seed');
  // Resolved here (as both runtimes would) so the run folder can be named before the run starts.
  const seed = resolveSeed(seedText === undefined ? undefined : parseSeed(seedText));
  const nodesText = stringOption(args, 'nodes');
  if (nodesText !== undefined && demo.ownSimulations !== undefined) throw new ConfigError('--nodes', nodesText, `is not used by demo ${name}: it runs ${demo.ownSimulations}`);
  const nodes = nodesText === undefined ? demo.defaultNodes : requireInteger('--nodes', Number(nodesText), demo.minNodes, 100);
  const outDir = stringOption(args, 'out') ?? 'runs';
  const traceFile = stringOption(args, 'trace');
  if (traceFile !== undefined && runtime !== 'sim') throw new ConfigError('--trace', traceFile, 'works with --runtime sim only (worker timing is not reproducible)');
  if (args.options.has('report') && args.options.has('no-report')) throw new ConfigError('--report', '--no-report', 'cannot be given together');
  if (args.options.has('report') && demo.noReport !== undefined) throw new ConfigError('--report', name, `is not offered by demo ${name}: ${demo.noReport}`);
  const report = args.options.has('report') || (demo.reportByDefault === true && !args.options.has('no-report'));
  const extra = [...options].map(([k, v]) => ` --${k} ${v}`).join('');
  const replay = `faultline demo ${name} --seed ${seed} --runtime ${runtime}${nodesText === undefined ? '' : ` --nodes ${nodes}`}${extra}${nats ? natsReplay(nats) : ''}`;
  // Everything above read the catalog's info; only now is the demo's own code imported.
  const loaded = await loadDemo(name);
  if (!loaded) throw new Error(`demo ${name} is in the catalog but has no loader`);
  const record = report
    ? new RunRecorder({
        dir: join(outDir, `${name}-${runtime}-${seed}`), title: `faultline demo ${name}`, seed, runtime,
        nodes: Array.from({ length: nodes }, (_, i) => `n${i + 1}`), replay, trace: runtime === 'sim',
      })
    : undefined;
  // Progress on a terminal only (stderr), so piped output is exactly what the demo printed.
  const progress = progressEnabled(process.env, process.stderr) ? new Progress(process.stderr, nodes) : undefined;
  let started: StartedCluster;
  try {
    started = await startCluster({
      runtime, seed, nodes, modules: loaded.actorModules, outDir, ...(traceFile === undefined ? {} : { traceFile }), ...(record ? { record } : {}), ...(nats ? { nats } : {}),
      ...(progress ? { onNodeStarted: (ready: number, total: number) => progress.nodeStarted(ready, total) } : {}),
    }, out);
  } catch (error) {
    progress?.stop();
    throw error;
  }
  const context = { ...(progress ? { ...started, cluster: progress.watch(started.cluster) } : started), options };
  const { cluster } = context;
  // A demo on simulations of its own says so, rather than naming the idle cluster's size (issue 22 item 7).
  out(`faultline demo ${name} — ${demo.ownSimulations ?? `${nodes} nodes`}, runtime ${runtime}, seed ${cluster.seed}`);
  out(`replay: ${replay}\n`);
  let code: number;
  let endMs = 0;
  try {
    code = await loaded.run(context);
    endMs = cluster.now();
    // In the simulator the controller's network model routed every frame, so its counters are the run's.
    if (record && runtime === 'sim' && !record.hasCounters) record.countersSnapshot('whole run', context.net.counters.snapshot());
  } finally {
    progress?.stop();
    await context.dispose();
  }
  if (record) out(`Report: ${await writeReport(record.finish(endMs))}`);
  return code;
}
