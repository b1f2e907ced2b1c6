import { ConfigError } from '../errors.ts';
import { requireNumber } from '../validate.ts';
import type { PhysicalClock } from './physical-clock.ts';

/**
 * A fault on one node's wall clock, applied by the clocks layer (mirrors `PhysicalClock`'s
 * `setOffset`, `bump`, `strobe`, `setDrift` and `reset`).
 */
export type ClockFault =
  /** From now on the clock reads true time + `offsetMs`. */
  | { readonly kind: 'offset'; readonly offsetMs: number }
  /** The clock jumps by `deltaMs` (negative: backwards). */
  | { readonly kind: 'bump'; readonly deltaMs: number }
  /** For `durationMs`, the clock alternates every `periodMs` between +`amplitudeMs` and its normal reading. */
  | { readonly kind: 'strobe'; readonly periodMs: number; readonly amplitudeMs: number; readonly durationMs: number }
  /** The clock runs fast (or slow, if negative) by `driftPpm` parts per million. */
  | { readonly kind: 'drift'; readonly driftPpm: number }
  /** Back to the clock's configured behaviour. */
  | { readonly kind: 'reset' };

const KINDS = ['offset', 'bump', 'strobe', 'drift', 'reset'] as const;

/** Checks a clock fault; throws ConfigError naming the field. */
export function validateClockFault(f: ClockFault, prefix = ''): ClockFault {
  if (typeof f !== 'object' || f === null) throw new ConfigError(`${prefix}fault`, f, 'must be a clock fault object');
  const field = (name: string) => `${prefix}${f.kind}.${name}`;
  switch (f.kind) {
    case 'offset': requireNumber(field('offsetMs'), f.offsetMs); break;
    case 'bump': requireNumber(field('deltaMs'), f.deltaMs); break;
    case 'strobe':
      requireNumber(field('periodMs'), f.periodMs, Number.MIN_VALUE);
      requireNumber(field('amplitudeMs'), f.amplitudeMs);
      requireNumber(field('durationMs'), f.durationMs, 0);
      break;
    case 'drift': requireNumber(field('driftPpm'), f.driftPpm, -1_000_000, 1_000_000); break;
    case 'reset': break;
    default:
      throw new ConfigError(`${prefix}fault.kind`, (f as { kind: unknown }).kind, `must be one of ${KINDS.map((k) => `'${k}'`).join(', ')}`);
  }
  return f;
}

/** Renders a clock fault for logs: `bump -250ms`, `strobe ±200ms every 10ms for 1000ms`. */
export function describeClockFault(f: ClockFault): string {
  const signed = (x: number) => `${x >= 0 ? '+' : ''}${+x.toFixed(3)}`;
  switch (f.kind) {
    case 'offset': return `offset ${signed(f.offsetMs)}ms`;
    case 'bump': return `bump ${signed(f.deltaMs)}ms`;
    case 'strobe': return `strobe ${signed(f.amplitudeMs)}ms every ${f.periodMs}ms for ${f.durationMs}ms`;
    case 'drift': return `drift ${signed(f.driftPpm)}ppm`;
    case 'reset': return 'reset';
  }
}

/** Applies a clock fault to a physical clock at true time `atTrueMs`. */
export function applyClockFault(clock: PhysicalClock, fault: ClockFault, atTrueMs: number): void {
  switch (fault.kind) {
    case 'offset':
      return clock.setOffset(fault.offsetMs, atTrueMs);
    case 'bump':
      return clock.bump(fault.deltaMs, atTrueMs);
    case 'drift':
      return clock.setDrift(fault.driftPpm, atTrueMs);
    case 'strobe':
      return clock.strobe({ periodMs: fault.periodMs, amplitudeMs: fault.amplitudeMs, untilTrueMs: atTrueMs + fault.durationMs }, atTrueMs);
    case 'reset':
      return clock.reset();
    default: {
      const never: never = fault;
      throw new ConfigError('fault.kind', (never as { kind: unknown }).kind, 'is not a clock fault');
    }
  }
}
