import { ConfigError } from '@faultline/core';
import type { ModuleAllowList } from './module-allow-list.ts';
import type { NatsNodeInit } from './protocol.ts';
import { requireToken } from './subjects.ts';

/** The most nodes an init may name: a bound on what one control message makes a node build. */
export const MAX_INIT_NODES = 1024;

/**
 * Validates an `init` that crossed the process boundary before anything in it is used: shapes and
 * bounds, the node itself among the cluster's nodes, and a network model the node may import
 * (ModuleNotAllowedError otherwise). Throws ConfigError naming the first bad field.
 */
export function checkNodeInit(value: unknown, self: string, modules: ModuleAllowList): NatsNodeInit {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError('init', value, 'must be an object');
  const init = value as Partial<Record<keyof NatsNodeInit, unknown>>;
  integer('init.incarnation', init.incarnation, 0, 0xffff_ffff);
  integer('init.seed', init.seed, -(2 ** 53), 2 ** 53);
  if (typeof init.originEpochMs !== 'number' || !Number.isFinite(init.originEpochMs)) throw new ConfigError('init.originEpochMs', init.originEpochMs, 'must be a finite number');
  const nodes = list('init.clusterNodes', init.clusterNodes, MAX_INIT_NODES);
  nodes.forEach((n) => requireToken('init.clusterNodes[]', n));
  if (!nodes.includes(self)) throw new ConfigError('init.clusterNodes', nodes, `must include this node '${self}'`);
  const boot = list('init.boot', init.boot, 100_000);
  for (const b of boot) {
    const spec = b as { name?: unknown; kind?: unknown } | null;
    if (typeof spec?.name !== 'string' || typeof spec.kind !== 'string') throw new ConfigError('init.boot[]', b, 'must be { name, kind, props }');
  }
  list('init.networkUpdates', init.networkUpdates, 100_000);
  list('init.clockFaults', init.clockFaults, 100_000);
  const auth = checkAuth(init.auth);
  const run = init.authRun ?? undefined;
  if (run !== undefined && (!(run instanceof Uint8Array) || run.length > 64)) throw new ConfigError('init.authRun', run, 'must be at most 64 bytes');
  const network = init.network === undefined || init.network === null ? undefined : modules.requireNetwork(init.network);
  return { ...(init as NatsNodeInit), network, auth, authRun: run };
}

/** Only the tag length crosses the wire: never a key (each node has its own from a file or its environment). */
function checkAuth(value: unknown): { readonly tagBytes?: number } | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('init.auth', value, 'must be { tagBytes? } or absent');
  const tagBytes = (value as { tagBytes?: unknown }).tagBytes;
  if (tagBytes === undefined) return {};
  integer('init.auth.tagBytes', tagBytes, 8, 32);
  return { tagBytes: tagBytes as number };
}

function integer(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) throw new ConfigError(field, value, `must be an integer in [${min}, ${max}]`);
}

function list(field: string, value: unknown, max: number): readonly unknown[] {
  if (!Array.isArray(value) || value.length > max) throw new ConfigError(field, value, `must be a list of at most ${max}`);
  return value;
}
