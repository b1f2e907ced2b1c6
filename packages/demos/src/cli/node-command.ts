import { ConfigError } from '@faultline/core';
import { parseNodeArgs, runNode } from '@faultline/runtime';
import { DEMO_CATALOG } from '../demo-catalog.ts';
import { loadDemo } from '../demo-loaders.ts';

/**
 * `faultline node --nats URL --cluster NAME --node ID (--modules FILE[,FILE…] | --demo NAME)`: runs one
 * node of a NATS cluster in this process until a controller stops it or the process is interrupted.
 * `--demo NAME` loads that demo's actor modules, so a node can serve `faultline demo NAME --runtime nats`.
 */
export async function runNodeCommand(argv: readonly string[], out: (line: string) => void): Promise<number> {
  const args = [...argv];
  const at = args.findIndex((a) => a === '--demo' || a.startsWith('--demo='));
  if (at !== -1) {
    const word = args[at] as string;
    const name = word.includes('=') ? word.slice(word.indexOf('=') + 1) : args[at + 1];
    const demo = name === undefined ? undefined : await loadDemo(name);
    if (!demo) throw new ConfigError('--demo', name, `must name a demo: ${DEMO_CATALOG.map((d) => d.name).join(', ')}`);
    if (demo.runtimes && !demo.runtimes.includes('nats')) throw new ConfigError('--demo', name, `runs in ${demo.runtimes.join(', ')} only`);
    args.splice(at, word.includes('=') ? 1 : 2, '--modules', demo.actorModules.join(','));
  }
  await runNode(parseNodeArgs(args), out);
  return 0;
}
