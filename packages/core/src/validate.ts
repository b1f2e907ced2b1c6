import { ConfigError } from './errors.ts';

/** Asserts a finite number within [min, max]; throws ConfigError naming the field otherwise. */
export function requireNumber(field: string, value: unknown, min = -Infinity, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConfigError(field, value, 'must be a finite number');
  }
  if (value < min || value > max) {
    const range = max === Infinity ? `>= ${min}` : min === -Infinity ? `<= ${max}` : `between ${min} and ${max}`;
    throw new ConfigError(field, value, `must be ${range}`);
  }
  return value;
}

/** Asserts a probability in [0, 1]. */
export function requireProbability(field: string, value: unknown): number {
  return requireNumber(field, value, 0, 1);
}

/** Asserts a whole number within [min, max]. */
export function requireInteger(field: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const n = requireNumber(field, value, min, max);
  if (!Number.isInteger(n)) throw new ConfigError(field, value, 'must be a whole number');
  return n;
}

/** Asserts one of a fixed set of strings. */
export function requireOneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(field, value, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
  }
  return value as T;
}
