import { crc32 } from 'node:zlib';

/**
 * One record of a node's storage log: `[length u32 LE][crc32 u32 LE][payload]`, where the CRC-32
 * covers the length bytes and the payload, so a flipped bit in either is detected. The file starts
 * with `MAGIC`. Framing after TigerBeetle's checksummed log entries and LevelDB's log format
 * (`db/log_format.h`: length + CRC per record, a torn tail dropped on recovery).
 */
export const MAGIC = Buffer.from('FLSTOR1\n', 'latin1');
/** Bytes before a record's payload. */
export const HEADER_BYTES = 8;
/** The largest payload a record may carry (a larger length read back is corruption, not a record). */
export const MAX_RECORD_BYTES = 256 * 1024 * 1024;

/** Frames `payload` as one record. */
export function frameRecord(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  out.writeUInt32LE(payload.length, 0);
  out.set(payload, HEADER_BYTES);
  out.writeUInt32LE(crc32(payload, crc32(out.subarray(0, 4))), 4);
  return out;
}

/** What the bytes at an offset hold: a whole record, too few bytes (a torn tail), or a bad one. */
export type RecordRead =
  | { readonly kind: 'record'; readonly payload: Buffer; readonly bytes: number }
  | { readonly kind: 'short'; readonly need: number }
  | { readonly kind: 'corrupt'; readonly reason: string };

/** Reads the record at `buf[at..end)`. */
export function readRecord(buf: Buffer, at: number, end: number): RecordRead {
  if (end - at < HEADER_BYTES) return { kind: 'short', need: HEADER_BYTES };
  const length = buf.readUInt32LE(at);
  if (length > MAX_RECORD_BYTES) return { kind: 'corrupt', reason: `record length ${length} exceeds ${MAX_RECORD_BYTES}` };
  if (end - at < HEADER_BYTES + length) return { kind: 'short', need: HEADER_BYTES + length };
  const payload = buf.subarray(at + HEADER_BYTES, at + HEADER_BYTES + length);
  const expected = buf.readUInt32LE(at + 4);
  const actual = crc32(payload, crc32(buf.subarray(at, at + 4)));
  if (actual !== expected) return { kind: 'corrupt', reason: `checksum mismatch (stored ${expected.toString(16)}, computed ${actual.toString(16)})` };
  return { kind: 'record', payload, bytes: HEADER_BYTES + length };
}
