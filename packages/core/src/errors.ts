/** Base class of every error faultline throws on purpose. */
export class FaultlineError extends Error {
  /** Machine-readable code, stable across versions. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A configuration value was invalid; names the field and the value seen. */
export class ConfigError extends FaultlineError {
  readonly field: string;
  readonly value: unknown;
  constructor(field: string, value: unknown, expected: string) {
    super('bad-config', `${field} ${expected}, got ${describeValue(value)}`);
    this.field = field;
    this.value = value;
  }
}

/** A message payload could not be encoded for the wire. */
export class EncodeError extends FaultlineError {
  constructor(detail: string) {
    super('unencodable-message', `message cannot be sent: ${detail}`);
  }
}

/** A frame that arrived at a node could not be decoded. */
export class DecodeError extends FaultlineError {
  constructor(detail: string) {
    super('malformed-frame', `malformed frame: ${detail}`);
  }
}

/** An operation named an actor, node or kind that does not exist. */
export class NotFoundError extends FaultlineError {
  constructor(what: string) {
    super('not-found', what);
  }
}

/** Renders a value for an error message without throwing on odd inputs. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return Object.prototype.toString.call(value);
  }
}
