import { describeValue } from '../errors.ts';
import { requireDriftPpm, validateClockConfig, type ClockConfig } from './clock-config.ts';
import { ClockConfigError, ClockValueError, requireClockNumber } from './errors.ts';

/** A strobe fault: from when it is set, the clock alternates every `periodMs` between +`amplitudeMs` and normal. */
export interface StrobeOptions {
  /** True time each half of the square wave lasts (ms, > 0). */
  readonly periodMs: number;
  /** How far the clock jumps during the "on" halves (ms; negative jumps backwards). */
  readonly amplitudeMs: number;
  /** True time (ms) at which the strobe stops by itself. */
  readonly untilTrueMs: number;
}

interface Strobe extends StrobeOptions {
  readonly fromTrueMs: number;
}

/** Where the error line is pinned: error(t) = errorMs + (t − trueMs) · drift / 1e6. */
interface Anchor {
  readonly trueMs: number;
  readonly errorMs: number;
}

/**
 * One node's wall clock, as a deterministic function of the true time the runtime passes in.
 *
 * Gives: `read(t) = t + error(t)`, where the error starts at `offsetMs`, grows by `driftPpm`, is stepped
 * back to within ±`maxErrorMs` at each correction instant (k · intervalMs, residual = (2r − 1) · maxErrorMs
 * with r from the supplied random function, one draw per instant in order), and carries injected faults.
 * Between corrections and faults it runs forward at rate 1 + drift/1e6.
 *
 * Does NOT give: agreement with other clocks or with true time beyond those parameters, nor monotonicity —
 * `read` goes BACKWARDS after a negative `bump`, a strobe's off-edge, a correction of a fast clock, or
 * `setOffset` to a smaller value. We chose to keep `read` honest (that is what wall time does) and offer
 * `readMonotonic`, which clamps: it never decreases but stalls until the wall clock catches up, and unlike
 * an OS monotonic clock it still carries the wall clock's error. Readings are fractional ms.
 *
 * True time must never decrease across calls (reads and faults alike); faults take the true instant at
 * which they happen. Corrections pull back injected offsets too, but not drift changes or strobes.
 */
export class PhysicalClock {
  readonly #config: ClockConfig;
  readonly #random: (() => number) | undefined;
  #baseline: Anchor;
  #anchor: Anchor;
  #driftPpm: number;
  #strobe: Strobe | undefined = undefined;
  #corrections = 0;
  #lastTrueMs = -Infinity;
  #lastMonotonicMs = -Infinity;

  /** Validates the config; `random` (uniform in [0, 1)) is required when the config has a correction. */
  constructor(config: ClockConfig, random?: () => number) {
    this.#config = validateClockConfig(config);
    if (config.correction !== undefined && typeof random !== 'function') {
      throw new ClockConfigError('random', random, 'must be a () => number in [0, 1) when correction is set');
    }
    this.#random = random;
    this.#baseline = { trueMs: 0, errorMs: config.offsetMs };
    this.#anchor = this.#baseline;
    this.#driftPpm = config.driftPpm;
  }

  /** The clock's reading (ms) at true time `trueNowMs`; may be lower than an earlier reading. */
  read(trueNowMs: number): number {
    this.#advance(trueNowMs, 'read');
    return trueNowMs + this.#baseErrorAt(trueNowMs) + this.#strobeAt(trueNowMs);
  }

  /** How fast the clock runs against true time now (1 + drift/1e6): a timer of d clock-ms lasts d / rate true ms. */
  get rate(): number {
    return 1 + this.#driftPpm / 1e6;
  }

  /** Like `read`, but never below any earlier `readMonotonic` result (clamped, so it may stall). */
  readMonotonic(trueNowMs: number): number {
    this.#lastMonotonicMs = Math.max(this.#lastMonotonicMs, this.read(trueNowMs));
    return this.#lastMonotonicMs;
  }

  /** Fault: from `atTrueMs` the clock reads true time + `offsetMs` (drift continues from there). */
  setOffset(offsetMs: number, atTrueMs: number): void {
    requireClockNumber('offsetMs', offsetMs, 'a finite number');
    this.#advance(atTrueMs, 'setOffset');
    this.#anchor = { trueMs: atTrueMs, errorMs: offsetMs };
  }

  /** Fault: at `atTrueMs` the clock jumps by `deltaMs` (negative = backwards, so readings go back). */
  bump(deltaMs: number, atTrueMs: number): void {
    requireClockNumber('deltaMs', deltaMs, 'a finite number');
    this.#advance(atTrueMs, 'bump');
    this.#anchor = { trueMs: atTrueMs, errorMs: this.#baseErrorAt(atTrueMs) + deltaMs };
  }

  /** Fault: from `atTrueMs` the clock runs at `driftPpm` (no jump at that instant). */
  setDrift(driftPpm: number, atTrueMs: number): void {
    requireDriftPpm('driftPpm', driftPpm);
    this.#advance(atTrueMs, 'setDrift');
    this.#anchor = { trueMs: atTrueMs, errorMs: this.#baseErrorAt(atTrueMs) };
    this.#driftPpm = driftPpm;
  }

  /** Fault: starts a strobe at `atTrueMs` (jumped by +amplitude first), replacing any running one. */
  strobe(options: StrobeOptions, atTrueMs: number): void {
    requireClockNumber('strobe.periodMs', options.periodMs, 'a finite number > 0', (n) => n > 0);
    requireClockNumber('strobe.amplitudeMs', options.amplitudeMs, 'a finite number');
    const until = `a finite number >= atTrueMs (${atTrueMs})`;
    requireClockNumber('strobe.untilTrueMs', options.untilTrueMs, until, (n) => n >= atTrueMs);
    this.#advance(atTrueMs, 'strobe');
    this.#strobe = { ...options, fromTrueMs: atTrueMs };
  }

  /** Removes every injected fault: the clock reads what it would have read had none been injected. */
  reset(): void {
    this.#anchor = this.#baseline;
    this.#driftPpm = this.#config.driftPpm;
    this.#strobe = undefined;
  }

  #baseErrorAt(t: number): number {
    return this.#anchor.errorMs + ((t - this.#anchor.trueMs) * this.#driftPpm) / 1e6;
  }

  #strobeAt(t: number): number {
    const s = this.#strobe;
    if (s === undefined || t < s.fromTrueMs || t >= s.untilTrueMs) return 0;
    return Math.floor((t - s.fromTrueMs) / s.periodMs) % 2 === 0 ? s.amplitudeMs : 0;
  }

  /** Moves the model to true time t, applying every correction instant up to and including t. */
  #advance(t: number, op: string): void {
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new ClockValueError(`${op}: true time must be a finite number of ms, got ${describeValue(t)}`);
    }
    if (t < this.#lastTrueMs) {
      throw new ClockValueError(
        `${op}: true time went backwards (${t} ms after ${this.#lastTrueMs} ms); pass non-decreasing true time`,
      );
    }
    this.#lastTrueMs = t;
    const c = this.#config.correction;
    if (c === undefined || this.#random === undefined) return;
    while ((this.#corrections + 1) * c.intervalMs <= t) {
      const r = this.#random();
      if (typeof r !== 'number' || !(r >= 0 && r < 1)) {
        throw new ClockValueError(`random() must return a number in [0, 1), got ${describeValue(r)}`);
      }
      this.#corrections += 1;
      this.#baseline = { trueMs: this.#corrections * c.intervalMs, errorMs: (2 * r - 1) * c.maxErrorMs };
      this.#anchor = this.#baseline;
    }
  }
}
