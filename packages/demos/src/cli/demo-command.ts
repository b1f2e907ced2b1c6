import { ConfigError } from '@faultline/core/errors';
import { DEFAULT_DEMO, DEMO_CATALOG, findDemoInfo } from '../demo-catalog.ts';
import { parseArgs, rejectUnknown } from './args.ts';
import { demoHelp } from './demo-help.ts';
import { DEMO_NATS_FLAGS } from './nats-flags.ts';

// Lists, help and unknown names are answered from the catalog (no demo loaded: issue 27 item 5);
// a run goes on in demo-run.ts, which imports the chosen demo and the runtimes.

/** `faultline demo [name] [--seed N] [--runtime sim|workers|nats] [--nodes N] [--out DIR] [--trace FILE] [--report|--no-report] [--nats URL --cluster NAME --attach] [--list]` plus the demo's own options. */
export async function runDemoCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const common = ['seed', 'runtime', 'nodes', 'out', 'trace', ...DEMO_NATS_FLAGS];
  const flags = [...common, 'list', 'report', 'no-report', 'attach', 'insecure', 'help'];
  const demoFlags = [...new Set(DEMO_CATALOG.flatMap((d) => (d.options ?? []).map((o) => o.name)))];
  const args = parseArgs(argv, [...common, ...demoFlags]);
  rejectUnknown(args, [...flags, ...demoFlags]);
  if (args.options.has('list')) {
    rejectUnknown(args, flags);
    for (const d of DEMO_CATALOG) out(`${d.name.padEnd(12)} ${d.summary}`);
    return 0;
  }
  if (args.options.has('help') && args.positionals.length === 0) {
    out(`faultline demo NAME [options] — runs a demo (${DEFAULT_DEMO} when NAME is left out); faultline demo NAME --help lists its options.`);
    for (const d of DEMO_CATALOG) out(`  ${d.name.padEnd(12)} ${d.summary}`);
    return 0;
  }
  if (args.positionals.length > 1) throw new ConfigError('demo name', args.positionals.join(' '), 'must be a single name');
  const name = args.positionals[0] ?? DEFAULT_DEMO;
  const demo = findDemoInfo(name);
  if (!demo) throw new ConfigError('demo name', name, `is not a demo; try one of ${DEMO_CATALOG.map((d) => d.name).join(', ')}`);
  const own = (demo.options ?? []).map((o) => o.name);
  rejectUnknown(args, [...flags, ...own]);
  if (args.options.has('help')) {
    for (const line of demoHelp(demo)) out(line);
    return 0;
  }
  return await (await import('./demo-run.ts')).runDemo(demo, args, out);
}
