import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '@faultline/core';
import type { Scenario } from './scenario.ts';

/** True when a value has the shape of a scenario (what `defineScenario` returns). */
export function isScenario(value: unknown): value is Scenario<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['name'] === 'string' && typeof v['setup'] === 'function' && typeof v['workload'] === 'function' && Array.isArray(v['properties']);
}

/**
 * Imports a test file the user named (like a test runner does) and returns its scenarios: every
 * exported scenario, and the members of an exported `scenarios` list.
 */
export async function loadScenarios(file: string): Promise<Scenario<unknown>[]> {
  const path = resolve(file);
  if (!existsSync(path) || !statSync(path).isFile()) throw new ConfigError('FILE', file, 'must be a test file (.ts or .js) exporting scenarios');
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const found: Scenario<unknown>[] = [];
  for (const value of Object.values(mod)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) if (isScenario(item) && !found.some((s) => s.name === item.name)) found.push(item);
  }
  if (found.length === 0) throw new ConfigError('FILE', file, 'exports no scenario (export defineScenario({...}) or a `scenarios` list)');
  return found;
}

/** The scenario named `name`, or the only one; a clear error otherwise. */
export function pickScenario(scenarios: readonly Scenario<unknown>[], name: string | undefined): Scenario<unknown> {
  if (name === undefined) {
    if (scenarios.length === 1) return scenarios[0]!;
    throw new ConfigError('--scenario', name, `must name one of ${scenarios.map((s) => s.name).join(', ')}`);
  }
  const s = scenarios.find((x) => x.name === name);
  if (s === undefined) throw new ConfigError('--scenario', name, `must name one of ${scenarios.map((x) => x.name).join(', ')}`);
  return s;
}
