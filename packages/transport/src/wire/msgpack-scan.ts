import { DecodeError } from '@faultline/core';
import { viewOf } from './bytes.ts';

/** Deepest nesting a decoded value may have: the encoder's 64 levels, plus a batch's own wrapping. */
const MAX_NESTING = 100;
/** Ext type msgpackr uses for Dates (the msgpack timestamp) and its encoding of `undefined` (0xd4 0x00 0x00). */
const TIMESTAMP_EXT = -1;
const UNDEFINED_EXT = 0;

/**
 * Checks that bytes [start, end) hold exactly one msgpack value the wire's encoder could have made,
 * before msgpackr sees them, in one pass that allocates nothing. msgpackr trusts headers: an array32
 * header claiming 4 billion items makes it allocate `new Array(count)` at once (a 121-byte frame took
 * 3.9 s and 140 MB to reject). Here every container's count must fit in the bytes left (each item
 * takes at least one byte), so decoding work is bounded by the frame's size. Also refused: nesting
 * past 100 levels, the unused byte 0xc1, and ext types other than the two the encoder writes (a
 * timestamp for Dates, and `undefined`), so a crafted frame cannot make the decoder build a value,
 * like a Set or an Error, that no sender could have sent. Throws DecodeError saying what was wrong.
 */
export function scanMsgpack(bytes: Uint8Array, start: number, end: number, what: string): void {
  const pos = scanValue(bytes, start, end, what, true);
  if (pos !== end) throw new DecodeError(`${what} is not msgpack the wire writes: ${end - pos} stray bytes after the value at byte ${pos - start}`);
}

/**
 * Where the msgpack value starting at `start` ends, checking only its structure (every header fits
 * the bytes before `end`), not its ext types: a batch's values are split with it to decode each on its
 * own, so one bad value costs only its entry. Throws DecodeError when the structure overruns.
 */
export function msgpackValueEnd(bytes: Uint8Array, start: number, end: number, what: string): number {
  return scanValue(bytes, start, end, what, false);
}

function scanValue(bytes: Uint8Array, start: number, end: number, what: string, strict: boolean): number {
  const view = viewOf(bytes);
  const stack: number[] = [];
  let pos = start;
  let need = 1;
  const bad = (detail: string): never => {
    throw new DecodeError(`${what} is not msgpack the wire writes: ${detail} at byte ${pos - start}`);
  };
  const room = (n: number, item: string): void => {
    if (n > end - pos) bad(`${item} of ${n} bytes overruns the ${end - start}-byte value`);
  };
  const open = (items: number, kind: string): void => {
    if (items > end - pos) bad(`${kind} header claims ${items} items, more than the ${end - pos} bytes left`);
    if (items === 0) return;
    if (stack.length >= MAX_NESTING) bad(`nesting deeper than ${MAX_NESTING} levels`);
    stack.push(need);
    need = items;
  };
  const ext = (length: number, type: number): void => {
    room(length, 'ext data');
    const ok = type === TIMESTAMP_EXT ? length === 4 || length === 8 || length === 12 : type === UNDEFINED_EXT && length === 1;
    if (!ok && strict) bad(`ext type ${type} of ${length} bytes (only timestamps and undefined are sent)`);
    pos += length;
  };
  for (;;) {
    if (need === 0) {
      if (stack.length === 0) break;
      need = stack.pop() as number;
      continue;
    }
    if (pos >= end) bad('value ends early');
    need--;
    const b = bytes[pos++] as number;
    if (b <= 0x7f || b >= 0xe0) continue;
    if (b <= 0x8f) { open(2 * (b & 0x0f), 'map'); continue; }
    if (b <= 0x9f) { open(b & 0x0f, 'array'); continue; }
    if (b <= 0xbf) { const n = b & 0x1f; room(n, 'string'); pos += n; continue; }
    switch (b) {
      case 0xc0: case 0xc2: case 0xc3: continue;
      case 0xc4: case 0xd9: { room(1, 'length'); const n = bytes[pos] as number; pos += 1; room(n, 'data'); pos += n; continue; }
      case 0xc5: case 0xda: { room(2, 'length'); const n = view.getUint16(pos); pos += 2; room(n, 'data'); pos += n; continue; }
      case 0xc6: case 0xdb: { room(4, 'length'); const n = view.getUint32(pos); pos += 4; room(n, 'data'); pos += n; continue; }
      case 0xc7: { room(2, 'ext header'); const n = bytes[pos] as number; const t = view.getInt8(pos + 1); pos += 2; ext(n, t); continue; }
      case 0xc8: { room(3, 'ext header'); const n = view.getUint16(pos); const t = view.getInt8(pos + 2); pos += 3; ext(n, t); continue; }
      case 0xc9: { room(5, 'ext header'); const n = view.getUint32(pos); const t = view.getInt8(pos + 4); pos += 5; ext(n, t); continue; }
      case 0xca: case 0xce: case 0xd2: room(4, 'number'); pos += 4; continue;
      case 0xcb: case 0xcf: case 0xd3: room(8, 'number'); pos += 8; continue;
      case 0xcc: case 0xd0: room(1, 'number'); pos += 1; continue;
      case 0xcd: case 0xd1: room(2, 'number'); pos += 2; continue;
      case 0xd4: case 0xd5: case 0xd6: case 0xd7: case 0xd8: {
        room(1, 'ext type');
        const t = view.getInt8(pos);
        pos += 1;
        ext(1 << (b - 0xd4), t);
        continue;
      }
      case 0xdc: { room(2, 'length'); const n = view.getUint16(pos); pos += 2; open(n, 'array'); continue; }
      case 0xdd: { room(4, 'length'); const n = view.getUint32(pos); pos += 4; open(n, 'array'); continue; }
      case 0xde: { room(2, 'length'); const n = view.getUint16(pos); pos += 2; open(2 * n, 'map'); continue; }
      case 0xdf: { room(4, 'length'); const n = view.getUint32(pos); pos += 4; open(2 * n, 'map'); continue; }
      default: bad(`byte 0x${b.toString(16)} starts no msgpack value`);
    }
  }
  return pos;
}
