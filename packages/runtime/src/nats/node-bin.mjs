// The entry of a node process a NatsCluster launches: `node node-bin.mjs <faultline node arguments>`.
// Actor modules may be TypeScript, so tsx is registered first. Next to the sources (node-main.ts beside
// this file) the @faultline/* packages must resolve to their sources too: add the `@faultline/source`
// export condition (hooks run last-registered first: tsx, then this one). From dist/, node-main.js runs.
// The cluster key and the NATS password arrive in the environment only, never in the arguments.
import { existsSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { register as registerTsx } from 'tsx/esm/api';

const source = new URL('./node-main.ts', import.meta.url);
const fromSource = existsSync(fileURLToPath(source));
if (fromSource) {
  const hook = 'export async function resolve(s, c, next) { return next(s, { ...c, conditions: [...c.conditions, "@faultline/source"] }); }';
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
registerTsx();
const { parseNodeArgs, runNode } = await import(fromSource ? source.href : new URL('./node-main.js', import.meta.url).href);
let code = 0;
try {
  await runNode(parseNodeArgs(process.argv.slice(2)), process.env.FAULTLINE_QUIET ? () => {} : (line) => console.error(line));
} catch (error) {
  console.error(`faultline node: ${error instanceof Error ? error.message : String(error)}`);
  code = error && typeof error === 'object' && error.code === 'bad-config' ? 64 : 1;
}
process.exit(code);
