import type { KvCommand, KvValue } from './kv-protocol.ts';

const isValue = (v: unknown): v is KvValue => v === null || typeof v === 'number' || typeof v === 'string';

/** A command read from the log came over the network: apply it only if it has a command's shape (else every node skips it alike). */
export function asKvCommand(c: unknown): KvCommand | undefined {
  if (typeof c !== 'object' || c === null) return undefined;
  const o = c as Record<string, unknown>;
  if (typeof o['key'] !== 'string') return undefined;
  const id = typeof o['id'] === 'string' ? o['id'] : null;
  switch (o['op']) {
    case 'read': return { op: 'read', key: o['key'] };
    case 'write': return isValue(o['value']) ? { op: 'write', key: o['key'], value: o['value'], id } : undefined;
    case 'cas': return isValue(o['from']) && isValue(o['to']) ? { op: 'cas', key: o['key'], from: o['from'], to: o['to'], id } : undefined;
    default: return undefined;
  }
}
