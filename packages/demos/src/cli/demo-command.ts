import { join } from 'node:path';
import { ConfigError, parseSeed, requireInteger, requireOneOf } from '@faultline/core';
import { RunRecorder, writeReport } from '@faultline/report';
import { resolveSeed } from '@faultline/runtime';
import { DEMOS, findDemo } from '../registry.ts';
import { parseArgs, rejectUnknown, stringOption } from './args.ts';
import { startCluster, type StartedCluster } from './start-cluster.ts';
import { Progress, progressEnabled } from './progress.ts';
import { validateDemoOptions } from '../demo-options.ts';
import { demoHelp } from './demo-help.ts';
import { DEMO_NATS_FLAGS, natsOptions, natsReplay } from './nats-options.ts';

/** `faultline demo [name] [--seed N] [--runtime sim|workers|nats] [--nodes N] [--out DIR] [--trace FILE] [--report|--no-report] [--nats URL --cluster NAME --attach] [--list]` plus the demo's own options. */
export async function runDemoCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const common = ['seed', 'runtime', 'nodes', 'out', 'trace', ...DEMO_NATS_FLAGS];
  const flags = [...common, 'list', 'report', 'no-report', 'attach', 'insecure', 'help'];
  const demoFlags = [...new Set(DEMOS.flatMap((d) => (d.options ?? []).map((o) => o.name)))];
  const args = parseArgs(argv, [...common, ...demoFlags]);
  rejectUnknown(args, [...flags, ...demoFlags]);
  if (args.options.has('list')) {
    rejectUnknown(args, flags);
    for (const d of DEMOS) out(`${d.name.padEnd(12)} ${d.summary}`);
    return 0;
  }
  if (args.options.has('help') && args.positionals.length === 0) {
    out('faultline demo NAME [options] — runs a demo (cp-vs-ap when NAME is left out); faultline demo NAME --help lists its options.');
    for (const d of DEMOS) out(`  ${d.name.padEnd(12)} ${d.summary}`);
    return 0;
  }
  if (args.positionals.length > 1) throw new ConfigError('demo name', args.positionals.join(' '), 'must be a single name');
  const name = args.positionals[0] ?? (DEMOS[0]?.name as string);
  const demo = findDemo(name);
  if (!demo) throw new ConfigError('demo name', name, `is not a demo; try one of ${DEMOS.map((d) => d.name).join(', ')}`);
  const own = (demo.options ?? []).map((o) => o.name);
  rejectUnknown(args, [...flags, ...own]);
  if (args.options.has('help')) {
    for (const line of demoHelp(demo)) out(line);
    return 0;
  }
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
      runtime, seed, nodes, modules: demo.actorModules, outDir, ...(traceFile === undefined ? {} : { traceFile }), ...(record ? { record } : {}), ...(nats ? { nats } : {}),
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
    code = await demo.run(context);
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
