/** A dependency graph over transaction ids, stored as compressed rows; each edge carries relationship bits. */
export class DepGraph {
  /** Vertex count (transaction ids 0..n-1). */
  readonly n: number;
  /** Row starts: edges of v are offsets start[v]..start[v+1]-1. */
  readonly start: Int32Array;
  readonly dst: Int32Array;
  readonly bits: Uint8Array;

  constructor(n: number, start: Int32Array, dst: Int32Array, bits: Uint8Array) {
    this.n = n;
    this.start = start;
    this.dst = dst;
    this.bits = bits;
  }

  /** The bits of the edge a -> b (0: none). */
  edgeBits(a: number, b: number): number {
    for (let e = this.start[a]!; e < this.start[a + 1]!; e++) if (this.dst[e] === b) return this.bits[e]!;
    return 0;
  }

  /** Edge count. */
  get edgeCount(): number {
    return this.dst.length;
  }
}

/** Collects edges (duplicates merged, self-edges dropped) and freezes them into a DepGraph. */
export class DepGraphBuilder {
  private readonly n: number;
  private src = new Int32Array(1024);
  private dstA = new Int32Array(1024);
  private bitsA = new Uint8Array(1024);
  private size = 0;
  private readonly keepSelf: boolean;

  /** `keepSelf`: keep a -> a edges (composed graphs need them; dependency graphs never have them). */
  constructor(n: number, keepSelf = false) {
    this.n = n;
    this.keepSelf = keepSelf;
  }

  /** Adds a -> b with relationship `bit`. */
  link(a: number, b: number, bit: number): void {
    if (a === b && !this.keepSelf) return;
    if (this.size === this.src.length) this.grow();
    this.src[this.size] = a;
    this.dstA[this.size] = b;
    this.bitsA[this.size] = bit;
    this.size++;
  }

  private grow(): void {
    const cap = this.src.length * 2;
    const s = new Int32Array(cap); s.set(this.src); this.src = s;
    const d = new Int32Array(cap); d.set(this.dstA); this.dstA = d;
    const b = new Uint8Array(cap); b.set(this.bitsA); this.bitsA = b;
  }

  /** Bytes the builder holds, for the memory budget. */
  get bytes(): number {
    return this.src.length * 9;
  }

  build(): DepGraph {
    const { n, size } = this;
    const count = new Int32Array(n + 1);
    for (let i = 0; i < size; i++) count[this.src[i]! + 1]!++;
    for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
    const fill = count.slice(0, n);
    const dst = new Int32Array(size);
    const bits = new Uint8Array(size);
    for (let i = 0; i < size; i++) {
      const at = fill[this.src[i]!]!++;
      dst[at] = this.dstA[i]!;
      bits[at] = this.bitsA[i]!;
    }
    // Merge duplicate edges per row: a marker per destination remembers where it was written.
    const where = new Int32Array(n).fill(-1);
    const start = new Int32Array(n + 1);
    let out = 0;
    for (let v = 0; v < n; v++) {
      start[v] = out;
      const rowStart = out;
      for (let e = count[v]!; e < count[v + 1]!; e++) {
        const d = dst[e]!;
        const w = where[d]!;
        if (w >= rowStart) {
          bits[w]! |= bits[e]!;
        } else {
          where[d] = out;
          dst[out] = d;
          bits[out] = bits[e]!;
          out++;
        }
      }
    }
    start[n] = out;
    this.src = new Int32Array(0);
    this.dstA = new Int32Array(0);
    this.bitsA = new Uint8Array(0);
    return new DepGraph(n, start, dst.slice(0, out), bits.slice(0, out));
  }
}
