import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { ConfigError, describeClockFault, requireInteger } from '@faultline/core';
import { describeFault, describeSelector, type NemesisAction } from '@faultline/transport';
import { FAULT_FAMILIES, type FaultMix } from './fault-mix.ts';
import type { FaultStep } from './fault-plan.ts';
import type { Failure } from './run-seed.ts';
import type { WorkloadBounds } from './scenario.ts';

/** Format tag and version of a capsule file. */
export const CAPSULE_FORMAT = 'faultline-capsule';
export const CAPSULE_VERSION = 1;
/** Largest capsule file read, bytes: a capsule is a few kilobytes. */
export const CAPSULE_MAX_BYTES = 1 << 20;

/** A failing run made small: everything `faultline replay` needs to run it again, and what it broke. */
export interface Capsule {
  readonly format: typeof CAPSULE_FORMAT;
  readonly version: typeof CAPSULE_VERSION;
  /** The test file, as an absolute path. */
  readonly file: string;
  readonly scenario: string;
  readonly seed: number;
  readonly buggify: boolean;
  readonly bounds: WorkloadBounds;
  /** The explicit fault plan (nothing is drawn on replay). */
  readonly plan: readonly FaultStep[];
  /** The mix the seed drew (for the record; the plan is what runs). */
  readonly mix: FaultMix;
  readonly failure: Failure;
  /** Size of the run before and after shrinking. */
  readonly original: { readonly operations: number; readonly faults: number };
  readonly shrunk: { readonly operations: number; readonly faults: number };
}

/** Writes a capsule as indented JSON. */
export function writeCapsule(path: string, capsule: Capsule): void {
  writeFileSync(path, `${JSON.stringify(capsule, null, 2)}\n`);
}

/** A capsule file that is not one, with what is wrong. */
export class CapsuleError extends ConfigError {
  constructor(path: string, field: string, value: unknown, problem: string) {
    super(`capsule ${path}: ${field}`, value, problem);
  }
}

/**
 * Reads and checks a capsule (untrusted input: bounded, parsed as JSON, every field checked; the
 * fault actions are checked again by the nemesis planner when the run starts).
 */
export function readCapsule(path: string): Capsule {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new CapsuleError(path, 'file', path, 'must exist (a capsule written by faultline test)');
  }
  if (size > CAPSULE_MAX_BYTES) throw new CapsuleError(path, 'size', size, `must be at most ${CAPSULE_MAX_BYTES} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CapsuleError(path, 'JSON', (e as Error).message, 'must be a capsule written by faultline test');
  }
  const bad = (field: string, value: unknown, problem: string) => new CapsuleError(path, field, value, problem);
  if (typeof data !== 'object' || data === null) throw bad('(root)', data, 'must be an object');
  const c = data as Record<string, unknown>;
  if (c['format'] !== CAPSULE_FORMAT || c['version'] !== CAPSULE_VERSION) throw bad('format', `${String(c['format'])} v${String(c['version'])}`, `must be ${CAPSULE_FORMAT} v${CAPSULE_VERSION}`);
  for (const f of ['file', 'scenario'] as const) if (typeof c[f] !== 'string' || (c[f] as string).length === 0) throw bad(f, c[f], 'must be a non-empty string');
  requireInteger(`capsule ${path}: seed`, c['seed'], 0, 0xffffffff);
  if (typeof c['buggify'] !== 'boolean') throw bad('buggify', c['buggify'], 'must be true or false');
  const b = c['bounds'] as Record<string, unknown> | undefined;
  if (typeof b !== 'object' || b === null) throw bad('bounds', b, 'must be {operations, clients, durationMs}');
  requireInteger(`capsule ${path}: bounds.operations`, b['operations'], 0, 10_000_000);
  requireInteger(`capsule ${path}: bounds.clients`, b['clients'], 1, 10_000);
  requireInteger(`capsule ${path}: bounds.durationMs`, b['durationMs'], 0, 1e9);
  if (!Array.isArray(c['plan']) || c['plan'].length > 10_000) throw bad('plan', typeof c['plan'], 'must be a list of at most 10,000 fault steps');
  c['plan'].forEach((s: unknown, i: number) => {
    const step = s as Record<string, unknown>;
    if (typeof step !== 'object' || step === null) throw bad(`plan[${i}]`, s, 'must be a fault step');
    for (const f of ['at', 'forMs']) if (typeof step[f] !== 'number' || !Number.isFinite(step[f]) || (step[f] as number) < 0) throw bad(`plan[${i}].${f}`, step[f], 'must be a number ≥ 0');
    if (!(FAULT_FAMILIES as readonly unknown[]).includes(step['family'])) throw bad(`plan[${i}].family`, step['family'], `must be one of ${FAULT_FAMILIES.join(', ')}`);
    for (const f of ['start', 'undo']) if (typeof step[f] !== 'object' || step[f] === null) throw bad(`plan[${i}].${f}`, step[f], 'must be a nemesis action');
  });
  const failure = c['failure'] as Record<string, unknown> | undefined;
  if (typeof failure?.['property'] !== 'string' || typeof failure['explanation'] !== 'string') throw bad('failure', failure, 'must be {property, explanation}');
  return data as Capsule;
}

/** One line per fault step: `  at 420ms for 210ms  drop 18% on all links`. */
export function describePlan(plan: readonly FaultStep[]): string[] {
  if (plan.length === 0) return ['  (no faults)'];
  return plan.map((s) => `  at ${s.at}ms for ${s.forMs}ms  ${describeAction(s.start)}`);
}

function describeAction(a: NemesisAction): string {
  const group = (g: unknown) => (Array.isArray(g) ? `{${g.join(',')}}` : String(g));
  switch (a.kind) {
    case 'partition-groups': return `partition ${a.groups.map(group).join(' | ')}`;
    case 'partition-one-way': return `partition one-way ${group(a.from)} -/-> ${group(a.to)}`;
    case 'crash': return `crash ${group(a.nodes)}`;
    case 'pause': return `pause ${group(a.nodes)}`;
    case 'link-fault': return `${describeFault(a.fault)} on ${describeSelector(a.target)}`;
    case 'clock': return `clock ${describeClockFault(a.fault)} on ${group(a.nodes)}`;
    default: return a.kind;
  }
}
