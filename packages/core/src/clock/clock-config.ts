import { ClockConfigError, requireClockNumber } from './errors.ts';

/** NTP-like correction: every `intervalMs` of true time the clock is stepped to within ±`maxErrorMs` of true time. */
export interface ClockCorrection {
  /** True time between corrections (ms); corrections happen at intervalMs, 2·intervalMs, … */
  readonly intervalMs: number;
  /** Largest |error| right after a correction (ms); the residual is drawn from the clock's random function. */
  readonly maxErrorMs: number;
}

/** Parameters of one node's physical clock, relative to the simulation's true time. */
export interface ClockConfig {
  /** Error at true time 0 (ms): the reading is trueMs + offsetMs. Positive = clock ahead. */
  readonly offsetMs: number;
  /** Rate error in parts per million: +100 gains 0.1 ms per true second. Must be above -1e6 (the clock must move). */
  readonly driftPpm: number;
  /** Periodic correction; without it the error only grows with drift. */
  readonly correction?: ClockCorrection | undefined;
}

/**
 * Named presets, each with the reason for its numbers. They describe ONE clock: give each node its own
 * offset/drift (e.g. `{ ...clockPresets.unsynced, offsetMs: 120 }`) and its own seeded random function,
 * otherwise all clocks err identically and there is no skew between them to observe.
 */
export const clockPresets = {
  /** The textbook assumption every reading equals true time; the control group of an experiment. */
  perfect: { offsetMs: 0, driftPpm: 0 },
  /**
   * NTP on a quiet LAN: within about ±1 ms. Polls every 64 s (ntpd's minpoll); 0.8 ms residual plus
   * 3 ppm of frequency error left after NTP's frequency discipline (≤ 0.2 ms per poll) keeps |error| < 1 ms.
   */
  ntpLan: { offsetMs: 0, driftPpm: 3, correction: { intervalMs: 64_000, maxErrorMs: 0.8 } },
  /**
   * NTP over the internet / across regions: tens of ms is common. Polls every 256 s; 45 ms residual from
   * asymmetric routes plus 20 ppm drift (≤ 5.1 ms per poll) keeps |error| near 50 ms.
   */
  ntpWan: { offsetMs: 0, driftPpm: 20, correction: { intervalMs: 256_000, maxErrorMs: 45 } },
  /**
   * No synchronisation at all: a cheap quartz oscillator is off by tens of ppm (50 ppm ≈ 4.3 s a day)
   * and nothing ever pulls it back. Give nodes different offsets to model clocks set by hand.
   */
  unsynced: { offsetMs: 0, driftPpm: 50 },
} as const satisfies Record<string, ClockConfig>;

/** Checks every field and returns the config; throws ClockConfigError naming the first bad field. */
export function validateClockConfig(config: ClockConfig): ClockConfig {
  if (typeof config !== 'object' || config === null) {
    throw new ClockConfigError('clock config', config, 'must be an object');
  }
  requireClockNumber('offsetMs', config.offsetMs, 'a finite number');
  requireDriftPpm('driftPpm', config.driftPpm);
  const c = config.correction;
  if (c !== undefined) {
    if (typeof c !== 'object' || c === null) {
      throw new ClockConfigError('correction', c, 'must be an object or undefined');
    }
    requireClockNumber('correction.intervalMs', c.intervalMs, 'a finite number > 0', (n) => n > 0);
    requireClockNumber('correction.maxErrorMs', c.maxErrorMs, 'a finite number >= 0', (n) => n >= 0);
  }
  return config;
}

/** Checks a drift rate: finite and above -1e6 ppm, so the clock still moves forward. */
export function requireDriftPpm(field: string, value: unknown): number {
  return requireClockNumber(field, value, 'a finite number > -1000000 (ppm)', (n) => n > -1_000_000);
}

/**
 * The largest |reading − true time| a clock with this config shows at any true time ≥ 0 when no faults
 * are injected (Infinity if it can drift without bound). Use it to choose an HLC's maxOffsetMs: two such
 * clocks differ by at most twice this.
 */
export function worstCaseErrorMs(config: ClockConfig): number {
  validateClockConfig(config);
  const { offsetMs, driftPpm, correction } = config;
  if (correction === undefined) return driftPpm === 0 ? Math.abs(offsetMs) : Infinity;
  const drifted = (Math.abs(driftPpm) * correction.intervalMs) / 1e6;
  return Math.max(Math.abs(offsetMs), correction.maxErrorMs) + drifted;
}
