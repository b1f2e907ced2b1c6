import { EncodeError } from '@faultline/core';

const MAX_DEPTH = 64;

/**
 * Rejects values that msgpackr would silently mangle: functions and symbols (dropped),
 * Maps, Sets and class instances (flattened), cycles (stack overflow). Messages are plain data.
 */
export function assertEncodable(value: unknown): void {
  walk(value, 'message', 0, false);
}

/**
 * Checks a message like {@link assertEncodable} and returns a deep copy, as if it had crossed
 * the wire: the receiver can never share mutable state with the sender.
 */
export function cloneEncodable<T>(value: T): T {
  return walk(value, 'message', 0, true) as T;
}

function walk(value: unknown, path: string, depth: number, copy: boolean): unknown {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      if (value > 0xffffffffffffffffn || value < -0x8000000000000000n) throw new EncodeError(`${path} is a bigint wider than 64 bits`);
      return value;
    case 'function':
      throw new EncodeError(`${path} is a function; messages must be plain data`);
    case 'symbol':
      throw new EncodeError(`${path} is a symbol; messages must be plain data`);
    case 'object':
      break;
  }
  if (value === null) return value;
  if (depth > MAX_DEPTH) throw new EncodeError(`${path} nests deeper than ${MAX_DEPTH} levels (a circular reference?)`);
  if (Array.isArray(value)) {
    const out: unknown[] | undefined = copy ? new Array<unknown>(value.length) : undefined;
    for (let i = 0; i < value.length; i++) {
      const v = walk(value[i], copy || depth < 8 ? `${path}[${i}]` : path, depth + 1, copy);
      if (out) out[i] = v;
    }
    return out ?? value;
  }
  if (value instanceof Uint8Array) return copy ? value.slice() : value;
  if (value instanceof Date) return copy ? new Date(value.getTime()) : value;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as object).constructor?.name ?? 'an object with a prototype';
    throw new EncodeError(`${path} is a ${name}; messages must be plain objects, arrays and primitives`);
  }
  const out: Record<string, unknown> | undefined = copy ? {} : undefined;
  for (const key in value as Record<string, unknown>) {
    const v = walk((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1, copy);
    if (out) out[key] = v;
  }
  return out ?? value;
}
