// The entry of a node process a NatsCluster launches (and what `faultline node` runs): register tsx,
// then run the TypeScript node. Arguments as `faultline node`; the cluster key only in the environment.
import { register } from 'tsx/esm/api';

register();
const { parseNodeArgs, runNode } = await import('./node-main.ts');
try {
  await runNode(parseNodeArgs(process.argv.slice(2)), process.env.FAULTLINE_QUIET ? () => {} : (line) => console.error(line));
  process.exit(0);
} catch (error) {
  console.error(`faultline node: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(64);
}
