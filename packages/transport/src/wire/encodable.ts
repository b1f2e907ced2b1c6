import { EncodeError, type Envelope } from '@faultline/core';
import { nameBytes } from './header-strings.ts';

const MAX_DEPTH = 64;
/** Most keys one object may have: msgpackr writes maps with a 16-bit size and refuses larger ones. */
export const MAX_OBJECT_KEYS = 0xffff;

/**
 * The one rule for what a message may be, applied the same at send in every runtime (the simulator's
 * copy and msgpack modes, workers), and the same as what the encoder accepts, so a message either
 * arrives as the same value everywhere or is refused at the sender with an EncodeError saying where:
 *
 * - plain objects (at most 65,535 keys, none of them `__proto__`), arrays, strings that are valid
 *   Unicode (no lone surrogate: UTF-8 cannot carry one), numbers, booleans, null, undefined, bigints
 *   of at most 64 bits, valid Dates (not `new Date(NaN)`: msgpack has no timestamp for it), and byte arrays;
 * - refused: functions, symbols, Maps, Sets, class instances, other typed arrays, cycles, nesting
 *   deeper than 64 levels;
 * - normalized as msgpack does, so every runtime agrees: `-0` arrives as `0`, and any Uint8Array
 *   (a Buffer included) arrives as a plain Uint8Array.
 */
export function assertEncodable(value: unknown): void {
  checked(value, false);
}

/**
 * Checks a message like {@link assertEncodable} and returns a deep copy, as if it had crossed
 * the wire: the receiver can never share mutable state with the sender.
 */
export function cloneEncodable<T>(value: T): T {
  try {
    return copy(value, 0) as T;
  } catch (error) {
    if (error !== RETRY_WITH_PATHS) throw error;
    walk(value, 'message', 0, true);
    throw new EncodeError('message changed while it was being checked');
  }
}

/**
 * Checks an envelope as `encodeEnvelope` would (plain-data payload, names of at most 255 UTF-8 bytes),
 * throwing EncodeError, and returns a copy that shares nothing mutable with it: what the sender does
 * with its message or addresses afterwards cannot change what arrives.
 */
export function cloneEnvelope(e: Envelope): Envelope {
  const payload = cloneEncodable(e.payload);
  const from = { node: e.from.node, name: e.from.name };
  const to = { node: e.to.node, name: e.to.name };
  checkName(from.node, 'from node');
  checkName(from.name, 'from actor');
  checkName(to.node, 'to node');
  checkName(to.name, 'to actor');
  return e.replyTo === undefined
    ? { from, to, kind: e.kind, id: e.id, payload, stamps: e.stamps }
    : { from, to, kind: e.kind, id: e.id, replyTo: e.replyTo, payload, stamps: e.stamps };
}

/** A UTF-16 code unit is at most 3 UTF-8 bytes: only a name longer than 85 units can exceed 255 bytes. */
function checkName(name: string, field: string): void {
  if (name.length > 85) nameBytes(name, field);
}

/** Thrown by a walk without paths at the first bad value; the walk is redone with paths to say where. */
const RETRY_WITH_PATHS = new Error('retry with paths');

// The check runs on every send, so it builds no path strings; only a rejected message is walked again
// with them, for an error that says where the bad value is.
function checked(value: unknown, copy: boolean): unknown {
  try {
    return walk(value, undefined, 0, copy);
  } catch (error) {
    if (error !== RETRY_WITH_PATHS) throw error;
    walk(value, 'message', 0, copy);
    throw new EncodeError('message changed while it was being checked');
  }
}

/** String.prototype.isWellFormed (Node 20; not in the ES2023 lib types): false for a lone surrogate. */
function isWellFormed(s: string): boolean {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed();
}

function invalid(path: string | undefined, what: string): Error {
  return path === undefined ? RETRY_WITH_PATHS : new EncodeError(`${path} ${what}`);
}

/**
 * The copy of `cloneEncodable` (every simulated send takes it): the same rules as `walk` with `copy`
 * set, specialised (no path, no copy flag, plain objects recognised before the rarer kinds); throws
 * RETRY_WITH_PATHS at the first bad value, for `walk` to say where.
 */
function copy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object') {
    // Numbers first: the commonest field, and the one a copy must normalize (-0 arrives as 0).
    if (typeof value === 'number') return value === 0 ? 0 : value;
    if (typeof value === 'string') {
      if (!isWellFormed(value)) throw RETRY_WITH_PATHS;
      return value;
    }
    return walk(value, undefined, depth, true);
  }
  if (value === null) return value;
  if (depth > MAX_DEPTH) throw RETRY_WITH_PATHS;
  if (Array.isArray(value)) {
    const n = value.length;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = copy(value[i], depth + 1);
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return walk(value, undefined, depth, true);
  const out: Record<string, unknown> = {};
  let keys = 0;
  for (const key in value as Record<string, unknown>) {
    if (++keys > MAX_OBJECT_KEYS || key === '__proto__' || !isWellFormed(key)) throw RETRY_WITH_PATHS;
    out[key] = copy((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}

function walk(value: unknown, path: string | undefined, depth: number, copy: boolean): unknown {
  switch (typeof value) {
    case 'string':
      if (!isWellFormed(value)) throw invalid(path, 'is a string with a lone surrogate (not valid Unicode, so not encodable as UTF-8)');
      return value;
    case 'number':
      return copy && value === 0 ? 0 : value;
    case 'boolean':
    case 'undefined':
      return value;
    case 'bigint':
      if (value > 0xffffffffffffffffn || value < -0x8000000000000000n) throw invalid(path, 'is a bigint wider than 64 bits');
      return value;
    case 'function':
      throw invalid(path, 'is a function; messages must be plain data');
    case 'symbol':
      throw invalid(path, 'is a symbol; messages must be plain data');
    case 'object':
      break;
  }
  if (value === null) return value;
  if (depth > MAX_DEPTH) throw invalid(path, `nests deeper than ${MAX_DEPTH} levels (a circular reference?)`);
  if (Array.isArray(value)) {
    const out: unknown[] | undefined = copy ? new Array<unknown>(value.length) : undefined;
    for (let i = 0; i < value.length; i++) {
      const v = walk(value[i], path !== undefined && (copy || depth < 8) ? `${path}[${i}]` : path, depth + 1, copy);
      if (out) out[i] = v;
    }
    return out ?? value;
  }
  // Binary arrives as a plain Uint8Array (as msgpackr decodes it from a frame), a copy: a Buffer's own
  // `slice` is a view sharing its memory, and Uint8Array#slice would keep the Buffer class.
  if (value instanceof Uint8Array) return copy ? new Uint8Array(value) : value;
  if (value instanceof Date) {
    const time = value.getTime();
    if (Number.isNaN(time)) throw invalid(path, 'is an invalid Date (its time is NaN), which the wire cannot carry; send a valid Date or a number');
    return copy ? new Date(time) : value;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    const name = (value as object).constructor?.name ?? 'an object with a prototype';
    throw invalid(path, `is a ${name}; messages must be plain objects, arrays and primitives`);
  }
  const out: Record<string, unknown> | undefined = copy ? {} : undefined;
  let keys = 0;
  for (const key in value as Record<string, unknown>) {
    if (++keys > MAX_OBJECT_KEYS) throw invalid(path, `has more than ${MAX_OBJECT_KEYS} keys (msgpack maps hold at most that many); use an array or split it`);
    if (key === '__proto__') throw invalid(path, "has an own key '__proto__', which no runtime can deliver as a key");
    if (!isWellFormed(key)) throw invalid(path, 'has a key with a lone surrogate (not valid Unicode)');
    const v = walk((value as Record<string, unknown>)[key], path === undefined ? undefined : `${path}.${key}`, depth + 1, copy);
    if (out) out[key] = v;
  }
  return out ?? value;
}
