import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@faultline/core';

/**
 * Where each worker finds its network model. The named export is called with `options` and must
 * return a `(rng) => LinkLayer` factory — the same shape as `SimulationConfig.network`, so
 * `{ module: <url of fixed-latency.ts>, export: 'fixedLatency', options: 1 }` works as-is.
 * A layer with an `apply(update)` method can be reconfigured at run time (`configureNetwork`).
 */
export interface NetworkModuleSpec {
  /** File URL (or absolute path) of the module. */
  readonly module: string;
  /** Name of the export to call. */
  readonly export: string;
  /** Passed to the export; must survive structured clone (plain data). */
  readonly options?: unknown;
}

/** Normalizes a module specifier: file URLs and bare package names stay, absolute paths become file URLs. */
export function moduleUrl(field: string, spec: unknown): string {
  if (typeof spec !== 'string' || spec.length === 0) throw new ConfigError(field, spec, 'must be a file URL or an absolute path');
  if (isAbsolute(spec)) return pathToFileURL(spec).href;
  if (spec.startsWith('.')) throw new ConfigError(field, spec, 'must be a file URL or an absolute path (relative paths are ambiguous in a worker; use new URL(path, import.meta.url).href)');
  return spec;
}
