export { ClockConfigError, ClockValueError, HlcClockSkewError, HlcCounterOverflowError } from './errors.ts';
export { clockPresets, worstCaseErrorMs, type ClockConfig, type ClockCorrection } from './clock-config.ts';
export { PhysicalClock, type StrobeOptions } from './physical-clock.ts';
export { LamportClock, compareLamport, type LamportTimestamp } from './lamport.ts';
export {
  emptyVectorClock,
  vcGet,
  vcIncrement,
  vcMerge,
  vcCompare,
  vcHappenedBefore,
  vcEncode,
  vcDecode,
  type VectorClock,
  type Causality,
  type EncodedVectorClock,
} from './vector-clock.ts';
export { compareHlc, packHlc, unpackHlc, type HlcTimestamp } from './hlc-timestamp.ts';
export { HybridLogicalClock, type HlcConfig } from './hlc.ts';
export { dvvEmpty, dvvUpdate, dvvSync, dvvValues, dvvJoin, type DvvSet, type DvvEntry } from './dvv.ts';
export { applyClockFault, describeClockFault, validateClockFault, type ClockFault } from './clock-fault.ts';
