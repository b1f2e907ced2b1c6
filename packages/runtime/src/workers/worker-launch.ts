import { fileURLToPath } from 'node:url';
import type { NetworkModuleSpec } from '../host/network-module.ts';

/** The export condition under which every @faultline package resolves to its TypeScript sources. */
export const SOURCE_CONDITION = '@faultline/source';

/** This module's own extension: `.ts` when the runtime runs from source (tsx, vitest), `.js` from dist/. */
const OWN_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/** How a node's worker thread starts: straight from built JavaScript, or through the tsx bootstrap. */
export interface WorkerLaunch {
  /** The file the Worker runs first. */
  readonly file: URL;
  /** The node entry the bootstrap imports (equal to `file` when there is no bootstrap). */
  readonly entry: string;
  /** True when the worker registers tsx (and, from source, the `@faultline/source` condition). */
  readonly tsx: boolean;
  /** Set when the worker must resolve @faultline/* to sources (the runtime itself runs from source). */
  readonly sourceCondition: boolean;
}

const TS_FILE = /\.(?:ts|mts|cts|tsx)$/;

/** True when a module spec (file URL, absolute path or package specifier) names a TypeScript file. */
function isTypeScript(spec: string): boolean {
  let path = spec;
  try {
    path = spec.startsWith('file:') ? fileURLToPath(spec) : spec.startsWith('/') ? spec : fileURLToPath(import.meta.resolve(spec));
  } catch {
    // Unresolvable here: the worker reports it as a ConfigError naming the module. Assume TypeScript (tsx copes with both).
    return true;
  }
  return TS_FILE.test(path);
}

/**
 * Chooses how workers start. From dist/ with only JavaScript modules a worker imports the built
 * node entry directly: no tsx, no compile step, a start-up close to a bare worker's. TypeScript
 * modules (a user's `actors.ts`), or the runtime itself running from source, need the bootstrap,
 * which registers tsx inside the worker (on Node 20, `--import tsx` does not reach a worker's loader).
 */
export function chooseLaunch(modules: readonly string[], network: NetworkModuleSpec | undefined): WorkerLaunch {
  const entry = new URL(`./node-worker${OWN_EXTENSION}`, import.meta.url);
  const fromSource = OWN_EXTENSION === '.ts';
  const tsx = fromSource || [...modules, ...(network ? [network.module] : [])].some(isTypeScript);
  if (!tsx) return { file: entry, entry: entry.href, tsx: false, sourceCondition: false };
  return { file: new URL('./bootstrap.mjs', import.meta.url), entry: entry.href, tsx: true, sourceCondition: fromSource };
}
