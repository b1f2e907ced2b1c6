import type { PhysicalClock, StrobeOptions } from './physical-clock.ts';

/** A fault on one node's physical clock, as data so a nemesis can schedule it and workers receive it. */
export type ClockFault =
  | { readonly kind: 'set-offset'; readonly offsetMs: number }
  | { readonly kind: 'bump'; readonly deltaMs: number }
  | { readonly kind: 'drift'; readonly driftPpm: number }
  | { readonly kind: 'strobe'; readonly options: StrobeOptions }
  | { readonly kind: 'reset' };

/** Applies a clock fault at the given true time. */
export function applyClockFault(clock: PhysicalClock, fault: ClockFault, atTrueMs: number): void {
  switch (fault.kind) {
    case 'set-offset':
      return clock.setOffset(fault.offsetMs, atTrueMs);
    case 'bump':
      return clock.bump(fault.deltaMs, atTrueMs);
    case 'drift':
      return clock.setDrift(fault.driftPpm, atTrueMs);
    case 'strobe':
      return clock.strobe(fault.options, atTrueMs);
    case 'reset':
      return clock.reset();
    default: {
      const never: never = fault;
      throw new Error(`unknown clock fault ${JSON.stringify(never)}`);
    }
  }
}
