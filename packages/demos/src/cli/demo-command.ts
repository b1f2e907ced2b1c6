import { ConfigError, parseSeed, requireInteger, requireOneOf } from '@faultline/core';
import { DEMOS, findDemo } from '../registry.ts';
import { parseArgs, rejectUnknown, stringOption } from './args.ts';
import { startCluster, type StartedCluster } from './start-cluster.ts';
import { Progress, progressEnabled } from './progress.ts';

/** `faultline demo [name] [--seed N] [--runtime sim|workers] [--nodes N] [--list]`. */
export async function runDemoCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = parseArgs(argv, ['seed', 'runtime', 'nodes', 'out', 'trace']);
  rejectUnknown(args, ['seed', 'runtime', 'nodes', 'out', 'trace', 'list']);
  if (args.options.has('list')) {
    for (const d of DEMOS) out(`${d.name.padEnd(12)} ${d.summary}`);
    return 0;
  }
  if (args.positionals.length > 1) throw new ConfigError('demo name', args.positionals.join(' '), 'must be a single name');
  const name = args.positionals[0] ?? (DEMOS[0]?.name as string);
  const demo = findDemo(name);
  if (!demo) throw new ConfigError('demo name', name, `is not a demo; try one of ${DEMOS.map((d) => d.name).join(', ')}`);
  const runtime = requireOneOf('--runtime', stringOption(args, 'runtime') ?? 'sim', ['sim', 'workers']);
  if (demo.runtimes && !demo.runtimes.includes(runtime)) throw new ConfigError('--runtime', runtime, `is not supported by demo ${name}`);
  const seedText = stringOption(args, 'seed');
  const seed = seedText === undefined ? undefined : parseSeed(seedText);
  const nodesText = stringOption(args, 'nodes');
  const nodes = nodesText === undefined ? demo.defaultNodes : requireInteger('--nodes', Number(nodesText), demo.minNodes, 100);
  const outDir = stringOption(args, 'out') ?? 'runs';
  const traceFile = stringOption(args, 'trace');
  if (traceFile !== undefined && runtime !== 'sim') throw new ConfigError('--trace', traceFile, 'works with --runtime sim only (worker timing is not reproducible)');
  // Progress on a terminal only (stderr), so piped output is exactly what the demo printed.
  const progress = progressEnabled(process.env, process.stderr) ? new Progress(process.stderr, nodes) : undefined;
  let started: StartedCluster;
  try {
    started = await startCluster({
      runtime, seed, nodes, modules: demo.actorModules, outDir, ...(traceFile === undefined ? {} : { traceFile }),
      ...(progress ? { onNodeStarted: (ready: number, total: number) => progress.nodeStarted(ready, total) } : {}),
    }, out);
  } catch (error) {
    progress?.stop();
    throw error;
  }
  const context: StartedCluster = progress ? { ...started, cluster: progress.watch(started.cluster) } : started;
  const { cluster } = context;
  out(`faultline demo ${name} — ${nodes} nodes, runtime ${runtime}, seed ${cluster.seed}`);
  out(`replay: faultline demo ${name} --seed ${cluster.seed} --runtime ${runtime}${nodesText === undefined ? '' : ` --nodes ${nodes}`}\n`);
  try {
    return await demo.run(context);
  } finally {
    progress?.stop();
    await context.dispose();
  }
}
