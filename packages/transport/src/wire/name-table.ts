import { copyBytes } from './bytes.ts';
import { nameBytes } from './header-strings.ts';
import { MAX_BATCH_NAMES } from './batch-layout.ts';

/** Names a table searches one by one before it builds an index (a batch usually holds 2 to 4 names). */
const SCAN_LIMIT = 8;

/** The distinct node and actor names of one batch being written, each stored once and referred to by index. */
export class NameTable {
  // Entries past `size` are stale (left from earlier batches, so clearing costs nothing).
  private readonly names: string[] = [];
  private readonly encoded: Uint8Array[] = [];
  private index: Map<string, number> | undefined;
  /** Names in the table. */
  size = 0;
  /** Bytes the table takes in the batch (`[u8 length][UTF-8]` per name). */
  byteLength = 0;

  /** The name's index, adding it if new. Throws EncodeError for a name over 255 UTF-8 bytes (`field` names it). */
  intern(name: string, field: string): number {
    if (this.index === undefined) {
      for (let i = 0; i < this.size; i++) if (this.names[i] === name) return i;
    } else {
      const i = this.index.get(name);
      if (i !== undefined) return i;
    }
    const bytes = nameBytes(name, field);
    const i = this.size++;
    this.names[i] = name;
    this.encoded[i] = bytes;
    this.byteLength += 1 + bytes.length;
    if (this.index !== undefined) this.index.set(name, i);
    else if (this.size > SCAN_LIMIT) this.index = new Map(this.names.slice(0, this.size).map((n, k) => [n, k]));
    return i;
  }

  /** The name at index `i`. */
  nameAt(i: number): string {
    return this.names[i] as string;
  }

  /** True when fewer than `n` more names fit. */
  lacksRoomFor(n: number): boolean {
    return this.size + n > MAX_BATCH_NAMES;
  }

  /** Writes the table at `at` in `out`. */
  writeTo(out: Uint8Array, at: number): void {
    for (let i = 0; i < this.size; i++) {
      const bytes = this.encoded[i] as Uint8Array;
      out[at] = bytes.length;
      copyBytes(out, at + 1, bytes, 0, bytes.length);
      at += 1 + bytes.length;
    }
  }

  clear(): void {
    if (this.index !== undefined) {
      // A batch with many names: let them go rather than keep them past the batch.
      this.names.length = 0;
      this.encoded.length = 0;
      this.index = undefined;
    }
    this.size = 0;
    this.byteLength = 0;
  }
}
