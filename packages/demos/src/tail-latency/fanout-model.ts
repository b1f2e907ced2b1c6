import { createRng } from '@faultline/core';
import { quantile } from '../render/histogram.ts';
import { backendDelay, FANOUTS } from './backend-latency.ts';

/** The measured tail of one fan-out width. */
export interface FanoutTail {
  readonly fanout: number;
  readonly requests: number;
  /** Requests slower than the back ends' measured p99. */
  readonly slow: number;
  /** `slow / requests`. */
  readonly share: number;
}

/** What a large seeded sample of the back-end distribution measured. */
export interface FanoutModelResult {
  /** The back ends' p99 and p95, measured from a calibration sample of single calls. */
  readonly backendP99: number;
  readonly backendP95: number;
  readonly calibrationCalls: number;
  readonly tails: readonly FanoutTail[];
}

/**
 * The fan-out tail as a pure seeded computation: a request's latency is the largest of N draws
 * from the back-end distribution, drawn by the simulator's sampler. This is what the actor run
 * measures, without 100k × N simulated messages (16.5 M for all five widths), so a test can hold
 * the shares to ±1.5 points in about a second.
 */
export function measureFanoutModel(seed: number, requests: number, calibrationCalls = 200_000): FanoutModelResult {
  const rng = createRng(seed).derive('tail-latency-model');
  const calibration = Array.from({ length: calibrationCalls }, () => backendDelay(rng));
  const backendP99 = quantile(calibration, 0.99);
  const backendP95 = quantile(calibration, 0.95);
  const tails = FANOUTS.map((fanout): FanoutTail => {
    let slow = 0;
    for (let r = 0; r < requests; r++) {
      let worst = 0;
      for (let i = 0; i < fanout; i++) worst = Math.max(worst, backendDelay(rng));
      if (worst > backendP99) slow++;
    }
    return { fanout, requests, slow, share: slow / requests };
  });
  return { backendP99, backendP95, calibrationCalls, tails };
}
