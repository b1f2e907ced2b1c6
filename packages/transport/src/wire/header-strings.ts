import { EncodeError } from '@faultline/core';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const cache = new Map<string, Uint8Array>();
const CACHE_LIMIT = 4096;

/** UTF-8 bytes of a node or actor name, cached: the same few names head every frame. */
export function nameBytes(name: string, field: string): Uint8Array {
  let bytes = cache.get(name);
  if (bytes === undefined) {
    bytes = encoder.encode(name);
    if (bytes.length > 255) throw new EncodeError(`${field} '${name.slice(0, 40)}…' is longer than 255 bytes`);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, bytes);
  }
  return bytes;
}

/** Reads a name; ASCII (the usual case) without the TextDecoder's call overhead. Throws on bad UTF-8. */
export function readName(bytes: Uint8Array, start: number, length: number): string {
  let ascii = true;
  for (let i = start; i < start + length; i++) {
    if ((bytes[i] as number) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (!ascii) return decoder.decode(bytes.subarray(start, start + length));
  let out = '';
  for (let i = start; i < start + length; i++) out += String.fromCharCode(bytes[i] as number);
  return out;
}
