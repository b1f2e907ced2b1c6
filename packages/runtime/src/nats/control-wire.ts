import { packValue, unpackRange } from '@faultline/transport';
import { errorData, unwrapResult, type ControlResult } from '../host/errors.ts';

/** One control request to a NATS node: an operation and its arguments, msgpack-encoded. */
export interface ControlRequest {
  readonly op: string;
  readonly args: readonly unknown[];
}

export function encodeRequest(request: ControlRequest): Uint8Array {
  return packValue(request).slice();
}

/** Decodes a request; throws on bytes that are not one (the node answers with an error). */
export function decodeRequest(bytes: Uint8Array): ControlRequest {
  const value = unpackRange(bytes, 0, bytes.length, 'control request') as Partial<ControlRequest> | null;
  if (value === null || typeof value !== 'object' || typeof value.op !== 'string' || !Array.isArray(value.args)) {
    throw new TypeError('a control request must be { op: string, args: [] }');
  }
  return { op: value.op, args: value.args };
}

export function encodeResult(result: ControlResult<unknown>): Uint8Array {
  try {
    return packValue(result).slice();
  } catch (error) {
    return packValue({ ok: false, error: errorData(error) }).slice();
  }
}

/** Decodes a reply and returns its value, or throws its error rebuilt as a FaultlineError. */
export function decodeResult<T>(bytes: Uint8Array): T {
  return unwrapResult(unpackRange(bytes, 0, bytes.length, 'control reply') as ControlResult<T>);
}
