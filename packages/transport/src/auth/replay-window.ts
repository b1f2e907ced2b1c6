/**
 * An anti-replay window over a sender's sequence numbers, as IPsec ESP (RFC 4303 §3.4.3, the
 * bitmap of RFC 6479) and WireGuard (`noise.c`/`receive.c`, `counter_validate`) keep one: the
 * highest number seen and a bitmap of the `size` numbers below it. A number seen before, or one
 * older than the window, is refused; a newer one slides the window forward.
 * Call `check` before the unit is authenticated-and-used and `commit` only after, so a forged
 * unit cannot move the window (WireGuard checks the counter after the MAC for the same reason).
 */
export class ReplayWindow {
  readonly size: number;
  private readonly bits: Uint32Array;
  private highest = -1;

  /** `size` must be a multiple of 32; 1024 lets frames arrive up to 1023 places out of order. */
  constructor(size: number = REPLAY_WINDOW_DEFAULTS.size) {
    if (!Number.isInteger(size) || size < 32 || size % 32 !== 0) throw new RangeError(`replay window size ${size} must be a positive multiple of 32`);
    this.size = size;
    this.bits = new Uint32Array(size / 32);
  }

  /** Why `seq` would be refused ('replayed': seen before; 'too-old': below the window), or undefined when fresh. */
  check(seq: number): 'replayed' | 'too-old' | undefined {
    if (!Number.isSafeInteger(seq) || seq < 0) return 'too-old';
    if (seq > this.highest) return undefined;
    if (this.highest - seq >= this.size) return 'too-old';
    return this.isSet(seq) ? 'replayed' : undefined;
  }

  /** Records `seq` as seen (after `check` passed and the unit was authenticated). */
  commit(seq: number): void {
    if (seq > this.highest) {
      const shift = this.highest < 0 ? this.size : seq - this.highest;
      if (shift >= this.size) this.bits.fill(0);
      else for (let s = this.highest + 1; s <= seq; s++) this.clear(s);
      this.highest = seq;
    }
    this.set(seq);
  }

  /** `check`, then `commit` when fresh: true when `seq` was fresh. */
  accept(seq: number): boolean {
    if (this.check(seq) !== undefined) return false;
    this.commit(seq);
    return true;
  }

  private index(seq: number): [number, number] {
    const slot = seq % this.size;
    return [slot >>> 5, 1 << (slot & 31)];
  }

  private isSet(seq: number): boolean {
    const [word, bit] = this.index(seq);
    return ((this.bits[word] as number) & bit) !== 0;
  }

  private set(seq: number): void {
    const [word, bit] = this.index(seq);
    this.bits[word] = (this.bits[word] as number) | bit;
  }

  private clear(seq: number): void {
    const [word, bit] = this.index(seq);
    this.bits[word] = (this.bits[word] as number) & ~bit;
  }
}

/** Defaults of the replay window, with the reason. */
export const REPLAY_WINDOW_DEFAULTS = {
  /** WireGuard keeps 8192 − 64 numbers; 1024 covers any reordering a fault network's delays make in a turn's batches. */
  size: 1024,
} as const;
