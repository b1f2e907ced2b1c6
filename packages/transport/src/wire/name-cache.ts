import { readName } from './header-strings.ts';

/** Slots kept: one per name-table position, as batches from one sender list the same names in the same order. */
const SLOTS = 32;

/**
 * Decodes the names of arriving batches, remembering the last name seen at each table position: a
 * repeated name costs a byte comparison instead of a new string, and comes back as the same string
 * (so later lookups by it hit V8's cached hash).
 */
export class NameCache {
  private readonly bytes: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(SLOTS).fill(undefined);
  private readonly strings: string[] = new Array<string>(SLOTS).fill('');

  /** The name in batch[start, start + length) found at table position `slot`. Throws on bad UTF-8. */
  read(slot: number, batch: Uint8Array, start: number, length: number): string {
    if (slot >= SLOTS) return readName(batch, start, length);
    const known = this.bytes[slot];
    if (known !== undefined && known.length === length) {
      let same = true;
      for (let i = 0; i < length; i++) {
        if (known[i] !== batch[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.strings[slot] as string;
    }
    const name = readName(batch, start, length);
    this.bytes[slot] = batch.slice(start, start + length);
    this.strings[slot] = name;
    return name;
  }
}
