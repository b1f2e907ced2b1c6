import { dist, sample, type Distribution, type Rng } from '@faultline/core';

/**
 * How long one back end takes to answer: lognormal, median 4 ms, σ 0.69, so its p99 is about
 * 4 · e^(2.326 · 0.69) ≈ 20 ms — a few-ms median with a long tail, as Dean and Barroso's
 * "The Tail at Scale" (CACM 2013) describes.
 */
export const BACKEND_LATENCY: Distribution = dist.lognormal(4, 0.69);

/** Draws one back-end service time with the simulator's own sampler. */
export function backendDelay(rng: Rng): number {
  return sample(BACKEND_LATENCY, rng);
}

/** The fan-out widths the demo and its test measure. */
export const FANOUTS: readonly number[] = [1, 4, 10, 50, 100];

/** The textbook share of fan-out requests slower than the back ends' p99: 1 − 0.99^N. */
export function expectedTailShare(fanout: number): number {
  return 1 - 0.99 ** fanout;
}
