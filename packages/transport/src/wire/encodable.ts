import { EncodeError } from '@faultline/core';

const MAX_DEPTH = 64;

/**
 * Rejects values that msgpackr would silently mangle: functions and symbols (dropped),
 * Maps, Sets and class instances (flattened), cycles (stack overflow). Messages are plain data.
 */
export function assertEncodable(value: unknown, path = 'message', depth = 0): void {
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'undefined':
      return;
    case 'bigint':
      if (value > 0xffffffffffffffffn || value < -0x8000000000000000n) throw new EncodeError(`${path} is a bigint wider than 64 bits`);
      return;
    case 'function':
      throw new EncodeError(`${path} is a function; messages must be plain data`);
    case 'symbol':
      throw new EncodeError(`${path} is a symbol; messages must be plain data`);
    case 'object':
      break;
  }
  if (value === null) return;
  if (depth > MAX_DEPTH) throw new EncodeError(`${path} nests deeper than ${MAX_DEPTH} levels (a circular reference?)`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertEncodable(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  if (value instanceof Uint8Array || value instanceof Date) return;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as object).constructor?.name ?? 'an object with a prototype';
    throw new EncodeError(`${path} is a ${name}; messages must be plain objects, arrays and primitives`);
  }
  for (const key in value as Record<string, unknown>) {
    assertEncodable((value as Record<string, unknown>)[key], `${path}.${key}`, depth + 1);
  }
}
