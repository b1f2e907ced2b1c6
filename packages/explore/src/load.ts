import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@faultline/core';
import type { ExploreSpec } from './spec.ts';
import type { Violation } from './result.ts';

const isSpec = (x: unknown): x is ExploreSpec<unknown> =>
  typeof x === 'object' && x !== null && typeof (x as ExploreSpec<unknown>).name === 'string'
  && typeof (x as ExploreSpec<unknown>).setup === 'function' && Number.isInteger((x as ExploreSpec<unknown>).nodes)
  && !('workload' in x);

/** Imports a file and returns every explore spec it exports (also inside exported arrays). Import only files you trust: this runs their code. */
export async function loadSpecs(file: string): Promise<ExploreSpec<unknown>[]> {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new ConfigError('FILE', file, 'must be a file (.ts or .js) exporting explore specs');
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const found: ExploreSpec<unknown>[] = [];
  for (const value of Object.values(mod)) for (const item of Array.isArray(value) ? value : [value]) if (isSpec(item) && !found.some((s) => s.name === item.name)) found.push(item);
  if (found.length === 0) throw new ConfigError('FILE', file, 'exports no explore spec (export defineExplore({...}))');
  return found;
}

/** The spec named `name`, or the only one. */
export function pickSpec(specs: readonly ExploreSpec<unknown>[], name: string | undefined): ExploreSpec<unknown> {
  const s = name === undefined ? (specs.length === 1 ? specs[0] : undefined) : specs.find((x) => x.name === name);
  if (!s) throw new ConfigError('--spec', name, `must name one of ${specs.map((x) => x.name).join(', ')}`);
  return s;
}

/** A violating path saved to replay: which file and spec, the bounds, the choices. Plain data only. */
export interface ExploreCapsule {
  readonly format: 'faultline-explore-capsule/1';
  readonly file: string;
  readonly spec: string;
  readonly maxDrops: number;
  readonly maxDuplicates: number;
  readonly property: string;
  readonly explanation: string;
  readonly choices: readonly string[];
}

/** Writes a capsule for a violation. */
export function writeExploreCapsule(path: string, capsule: Omit<ExploreCapsule, 'format'>): void {
  writeFileSync(path, `${JSON.stringify({ format: 'faultline-explore-capsule/1', ...capsule }, null, 2)}\n`);
}

/** Reads and validates a capsule (bounded read; every field checked, nothing in it is code). */
export function readExploreCapsule(path: string): ExploreCapsule {
  const size = statSync(path).size;
  if (size > 4 * 1024 * 1024) throw new ConfigError('CAPSULE', path, 'is over 4 MiB: not a capsule');
  let data: unknown;
  try { data = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new ConfigError('CAPSULE', path, `is not JSON: ${String(e)}`); }
  const c = data as Partial<ExploreCapsule>;
  const bad = (field: string, why: string) => new ConfigError(`capsule.${field}`, (c as Record<string, unknown>)[field], why);
  if (c.format !== 'faultline-explore-capsule/1') throw bad('format', "must be 'faultline-explore-capsule/1'");
  for (const f of ['file', 'spec', 'property', 'explanation'] as const) if (typeof c[f] !== 'string') throw bad(f, 'must be a string');
  for (const f of ['maxDrops', 'maxDuplicates'] as const) if (!Number.isInteger(c[f]) || (c[f] as number) < 0) throw bad(f, 'must be a whole number ≥ 0');
  if (!Array.isArray(c.choices) || c.choices.length > 100_000 || !c.choices.every((k) => typeof k === 'string' && /^[tdxu]\d{1,9}$/.test(k))) throw bad('choices', 'must be a list of choice keys (d<n>, x<n>, u<n>, t<n>)');
  return c as ExploreCapsule;
}

/** The capsule's fields for a found violation. */
export function capsuleFields(file: string, spec: string, bounds: { maxDrops?: number; maxDuplicates?: number }, v: Violation): Omit<ExploreCapsule, 'format'> {
  return { file, spec, maxDrops: bounds.maxDrops ?? 0, maxDuplicates: bounds.maxDuplicates ?? 0, property: v.property, explanation: v.explanation, choices: v.choices };
}
