import { DEFAULT_HLC_MAX_OFFSET_MS, type StampingConfig } from '@faultline/core';

/**
 * The driver's stamping: the driver is the experimenter, not a node under test, so it never refuses
 * skew the experiment set up (a tight `hlcMaxOffsetMs` is for the nodes); it still refuses an absurd
 * stamp (beyond the default max offset) unless the nodes accept anything (Infinity), so one corrupted
 * stamp cannot drag its clock, and every ask it sends, days ahead.
 */
export function driverStamping(nodes: StampingConfig | undefined): StampingConfig {
  const max = Math.max(nodes?.hlcMaxOffsetMs ?? DEFAULT_HLC_MAX_OFFSET_MS, DEFAULT_HLC_MAX_OFFSET_MS);
  return nodes?.vector ? { vector: true, hlcMaxOffsetMs: max } : { hlcMaxOffsetMs: max };
}
