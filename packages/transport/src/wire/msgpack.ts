import { Packr, Unpackr } from 'msgpackr';
import { DecodeError, EncodeError } from '@faultline/core';
import { scanMsgpack } from './msgpack-scan.ts';

// One msgpackr configuration for every encoding on the wire (single frames and whole batches), so a
// value crosses either way as the same bytes and decodes to the same thing.
const packr = new Packr({ useRecords: false, moreTypes: false });
const unpackr = new Unpackr({ useRecords: false, int64AsType: 'bigint' });

/**
 * Encodes one value as msgpack. The bytes are a view into msgpackr's shared buffer: copy them before
 * the next call. Throws EncodeError.
 */
export function packValue(value: unknown): Uint8Array {
  try {
    return packr.pack(value);
  } catch (error) {
    throw new EncodeError(error instanceof Error ? error.message : String(error));
  }
}

/** Where the last `packRange` put its bytes: `bytes[start, end)`, valid until the next encoding. */
export interface PackedRange {
  bytes: Uint8Array;
  start: number;
  end: number;
}

/**
 * msgpackr's REUSE_BUFFER_MODE | RESET_BUFFER_MODE (not exported by its Node entry): return the pool with
 * start/end rather than a view, and write the next encoding over this one rather than after it.
 */
const REUSE_AND_RESET = 512 | 1024;
const packed: PackedRange = { bytes: new Uint8Array(0), start: 0, end: 0 };

/**
 * Encodes one value as msgpack, like {@link packValue}, without making a view of the result, for a
 * caller that copies the bytes out at once: the next encoding overwrites them. Returns a shared object.
 */
export function packRange(value: unknown): PackedRange {
  try {
    const target = packr.pack(value, REUSE_AND_RESET) as unknown as Uint8Array & { start: number; end: number };
    packed.bytes = target;
    packed.start = target.start;
    packed.end = target.end;
    return packed;
  } catch (error) {
    throw new EncodeError(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Decodes the msgpack value in bytes [start, end); `what` names it in the DecodeError thrown for bad
 * input. The bytes are scanned first (`scanMsgpack`), so decoding work is bounded by their length.
 */
export function unpackRange(bytes: Uint8Array, start: number, end: number, what: string): unknown {
  scanMsgpack(bytes, start, end, what);
  try {
    return unpackr.unpack(bytes, { start, end });
  } catch (error) {
    throw new DecodeError(`${what} is not msgpack (${error instanceof Error ? error.message : String(error)})`);
  }
}
