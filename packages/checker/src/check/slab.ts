/** Buffers up to this size are kept for reuse once released; larger ones are left to the GC. */
const POOLED_MAX_BYTES = 1 << 20;
/** How many released buffers of each power-of-two size the pool keeps (the rest are dropped): at most ~16 MiB held. */
const POOLED_PER_SIZE = 8;
const pool = new Map<number, ArrayBuffer[]>();

/**
 * Typed arrays carved out of one ArrayBuffer. V8 pays dearly for every ArrayBuffer it allocates
 * (a zeroed backing store, external-memory accounting, a sweep later): a check of a small history
 * spent most of its time allocating a dozen tiny arrays. A slab allocates once, and small slabs
 * reuse buffers released by earlier searches (a bounded pool per power-of-two size).
 * Lay out every array's length first (`Slab.bytes`), then take the views in the same order.
 */
export class Slab {
  private buffer: ArrayBuffer;
  private at = 0;
  /** The bytes asked for (and zeroed); views past them would see a reused buffer's old contents. */
  private readonly limit: number;

  /** A zeroed slab with room for `bytes`, reusing a released buffer when one fits. */
  constructor(bytes: number) {
    this.limit = bytes;
    const size = bytes <= POOLED_MAX_BYTES ? Math.max(1024, 2 ** Math.ceil(Math.log2(Math.max(1, bytes)))) : bytes;
    const reused = size <= POOLED_MAX_BYTES ? pool.get(size)?.pop() : undefined;
    if (reused === undefined) {
      this.buffer = new ArrayBuffer(size);
    } else {
      new Uint8Array(reused, 0, bytes).fill(0);
      this.buffer = reused;
    }
  }

  private take(bytes: number): void {
    this.at += align(bytes);
    if (this.at > this.limit) throw new RangeError(`slab overrun: ${this.at} bytes taken of ${this.limit} laid out`);
  }

  /** Hands the buffer back for reuse; no view taken from this slab may be used afterwards. */
  release(): void {
    const size = this.buffer.byteLength;
    if (size > POOLED_MAX_BYTES) return;
    let free = pool.get(size);
    if (free === undefined) pool.set(size, (free = []));
    if (free.length < POOLED_PER_SIZE) free.push(this.buffer);
    this.buffer = EMPTY;
  }

  /** Bytes a layout of arrays takes, each given as [length, bytes per element]. */
  static bytes(...arrays: readonly (readonly [number, number])[]): number {
    let total = 0;
    for (const [length, size] of arrays) total += align(length * size);
    return total;
  }

  /** The next `length` int32s, zeroed. */
  int32(length: number): Int32Array {
    const view = new Int32Array(this.buffer, this.at, length);
    this.take(length * 4);
    return view;
  }

  /** The next `length` uint32s, zeroed. */
  uint32(length: number): Uint32Array {
    const view = new Uint32Array(this.buffer, this.at, length);
    this.take(length * 4);
    return view;
  }

  /** The next `length` bytes, zeroed. */
  uint8(length: number): Uint8Array {
    const view = new Uint8Array(this.buffer, this.at, length);
    this.take(length);
    return view;
  }

  /** The next `length` float64s, zeroed. */
  float64(length: number): Float64Array {
    const view = new Float64Array(this.buffer, this.at, length);
    this.take(length * 8);
    return view;
  }
}

const EMPTY = new ArrayBuffer(0);

/** Rounds a byte count up to 8, so every view starts aligned for any element size. */
function align(bytes: number): number {
  return (bytes + 7) & ~7;
}
