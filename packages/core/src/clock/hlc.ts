import { describeValue } from '../errors.ts';
import { ClockConfigError, ClockValueError, HlcClockSkewError, HlcCounterOverflowError } from './errors.ts';
import { HLC_MAX_C, HLC_MAX_L, checkHlcTimestamp, type HlcTimestamp } from './hlc-timestamp.ts';

/** Settings of a hybrid logical clock. */
export interface HlcConfig {
  /**
   * The most a received `l` may be ahead of local physical time (ms) before it is rejected with
   * HlcClockSkewError; Infinity disables the check. Set it to at least 2 × the worst clock error you expect
   * + 1 ms (see worstCaseErrorMs); CockroachDB's default is 500.
   */
  readonly maxOffsetMs: number;
  /**
   * What happens when more than 65,536 events share one `l`: `'throw'` (default) throws
   * HlcCounterOverflowError; `'carry'` moves `l` on by 1 ms and restarts `c` at 0, which keeps every
   * guarantee above except that l may run ahead of physical time by the carried ms (used on the send
   * path of nodes, where an exception would turn a flood or a far-ahead stamp into a dead node).
   */
  readonly onCounterOverflow?: 'throw' | 'carry';
}

/**
 * A hybrid logical clock (Kulkarni, Demirbas, Madappa, Avva, Leone 2014, "Logical Physical Clocks and
 * Consistent Snapshots in Globally Distributed Databases", HLC algorithm of Fig. 5). Physical time comes
 * from the function passed in — the node's own, possibly wrong, clock in ms — and is floored to whole ms.
 *
 * Gives: a happened before b ⇒ HLC(a) < HLC(b) (Theorem 1); l ≥ pt, so timestamps never lag this node's
 * clock (Theorem 2); l − pt ≤ ε + 1, ε the largest skew between two clocks (Theorem 3; +1 ms from
 * flooring); l − pt ≤ maxOffsetMs, enforced by rejecting timestamps further ahead — but only while this
 * node's physical time never steps back and is ≥ 0, as the paper assumes (a step back of d ms widens the
 * gap by d; pass `PhysicalClock.readMonotonic` to avoid it); strictly increasing timestamps on one node
 * even when its physical clock jumps back; 64-bit packing (`packHlc`).
 *
 * Does NOT give: detection of concurrency (HLC(a) < HLC(b) does not imply a → b; use vector clocks);
 * uniqueness across nodes (two nodes can issue equal timestamps — add the node id to break ties); true
 * time (one fast clock drags every l it reaches forward, up to maxOffsetMs); external consistency.
 */
export class HybridLogicalClock {
  readonly #physicalNow: () => number;
  readonly #maxOffsetMs: number;
  readonly #carry: boolean;
  #l = 0;
  #c = 0;

  /** Validates `config.maxOffsetMs` (a number ≥ 0 or Infinity); starts at l = 0, c = 0. */
  constructor(physicalNow: () => number, config: HlcConfig) {
    if (typeof physicalNow !== 'function') {
      throw new ClockConfigError('physicalNow', physicalNow, 'must be a () => number returning ms');
    }
    const max = config?.maxOffsetMs;
    if (typeof max !== 'number' || Number.isNaN(max) || max < 0) {
      throw new ClockConfigError('maxOffsetMs', max, 'must be a number >= 0 (Infinity disables the check)');
    }
    this.#physicalNow = physicalNow;
    this.#maxOffsetMs = max;
    this.#carry = config.onCounterOverflow === 'carry';
  }

  /** The timestamp of the last event, without creating one. */
  get last(): HlcTimestamp {
    return { l: this.#l, c: this.#c };
  }

  /** Records a local event or a send (Fig. 5, "send or local event"); put the result on the message. */
  tick(): HlcTimestamp {
    const pt = this.#readPhysical();
    const l = Math.max(this.#l, pt);
    this.#set(l, l === this.#l ? this.#c + 1 : 0);
    return { l: this.#l, c: this.#c };
  }

  /**
   * Records receipt of a message stamped `remote` (Fig. 5, "receive event of message m"). Throws
   * HlcClockSkewError, leaving the clock unchanged, if remote.l − pt > maxOffsetMs.
   */
  receive(remote: HlcTimestamp): HlcTimestamp {
    this.merge(remote);
    return { l: this.#l, c: this.#c };
  }

  /** `receive` without making the resulting timestamp (read `last` for it): what a node does for every arriving message. */
  merge(remote: HlcTimestamp): void {
    checkHlcTimestamp(remote, 'HybridLogicalClock.receive');
    this.mergeValid(remote);
  }

  /** `merge` of a timestamp the caller has already checked as `checkHlcTimestamp` does (a node's inbound check has). */
  mergeValid(remote: HlcTimestamp): void {
    const pt = this.#readPhysical();
    if (remote.l - pt > this.#maxOffsetMs) throw new HlcClockSkewError(remote.l, pt, this.#maxOffsetMs);
    const prev = this.#l;
    const l = Math.max(prev, remote.l, pt);
    let c = 0;
    if (l === prev && l === remote.l) c = Math.max(this.#c, remote.c) + 1;
    else if (l === prev) c = this.#c + 1;
    else if (l === remote.l) c = remote.c + 1;
    this.#set(l, c);
  }

  #set(l: number, c: number): void {
    if (c > HLC_MAX_C) {
      if (!this.#carry || l >= HLC_MAX_L) throw new HlcCounterOverflowError(l);
      l += 1;
      c = 0;
    }
    this.#l = l;
    this.#c = c;
  }

  /** Local physical time, floored; may be negative (l then stays at its floor of 0) but not past 2^48 ms. */
  #readPhysical(): number {
    const raw = this.#physicalNow();
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw > HLC_MAX_L) {
      throw new ClockValueError(`HLC physical time must be a finite number of ms below 2^48, got ${describeValue(raw)}`);
    }
    return Math.floor(raw);
  }
}
