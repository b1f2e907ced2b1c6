import { ConfigError, FaultlineError } from '../errors.ts';

/** A clock parameter (config field, fault argument) was invalid; names the field and the value seen. */
export class ClockConfigError extends ConfigError {}

/** A value handed to a clock was unusable: a malformed timestamp or encoding, a bad reading, true time going backwards. */
export class ClockValueError extends FaultlineError {
  constructor(detail: string) {
    super('bad-clock-value', detail);
  }
}

/** A received HLC timestamp was further ahead of local physical time than `maxOffsetMs` allows. */
export class HlcClockSkewError extends FaultlineError {
  /** The `l` of the rejected timestamp (ms). */
  readonly remoteL: number;
  /** This node's physical time when the timestamp arrived (ms, floored). */
  readonly physicalMs: number;
  /** How far the remote `l` was ahead of local physical time (ms). */
  readonly aheadByMs: number;
  /** The configured limit it exceeded (ms). */
  readonly maxOffsetMs: number;
  constructor(remoteL: number, physicalMs: number, maxOffsetMs: number) {
    const aheadByMs = remoteL - physicalMs;
    super(
      'hlc-clock-skew',
      `received HLC timestamp l=${remoteL} is ${aheadByMs} ms ahead of local physical time ${physicalMs} ms, ` +
        `beyond maxOffsetMs=${maxOffsetMs}; a clock is out of sync (fix clock sync or raise maxOffsetMs)`,
    );
    this.remoteL = remoteL;
    this.physicalMs = physicalMs;
    this.aheadByMs = aheadByMs;
    this.maxOffsetMs = maxOffsetMs;
  }
}

/** An HLC's logical counter would pass 16 bits (65535) within one value of `l`. */
export class HlcCounterOverflowError extends FaultlineError {
  /** The `l` at which the counter ran out. */
  readonly l: number;
  constructor(l: number) {
    super(
      'hlc-counter-overflow',
      `HLC counter would exceed 65535 at l=${l}: more than 65536 events share one millisecond of l ` +
        '(physical time is stuck, or far behind a received l)',
    );
    this.l = l;
  }
}

/** Throws ClockConfigError unless `value` is a finite number satisfying `ok`; `rule` completes "<field> must be …". */
export function requireClockNumber(
  field: string,
  value: unknown,
  rule: string,
  ok: (n: number) => boolean = () => true,
): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !ok(value)) {
    throw new ClockConfigError(field, value, `must be ${rule}`);
  }
  return value;
}

