import { ConfigError } from '../errors.ts';
import { requireNumber } from '../validate.ts';
import type { Rng } from './rng.ts';

/** A delay distribution in milliseconds, as data so it can cross to workers and into traces. */
export type Distribution =
  | { readonly kind: 'constant'; readonly ms: number }
  | { readonly kind: 'uniform'; readonly minMs: number; readonly maxMs: number }
  | { readonly kind: 'normal'; readonly meanMs: number; readonly stddevMs: number }
  | { readonly kind: 'exponential'; readonly meanMs: number }
  /** Long-tailed: exp(N(mu, sigma)) where the median is `medianMs`. */
  | { readonly kind: 'lognormal'; readonly medianMs: number; readonly sigma: number }
  /** Long-tailed power law: minimum `scaleMs`, tail index `alpha` (smaller = heavier tail). */
  | { readonly kind: 'pareto'; readonly scaleMs: number; readonly alpha: number };

/** Checks a distribution's parameters; throws ConfigError naming the bad field. */
export function validateDistribution(d: Distribution, field = 'distribution'): Distribution {
  switch (d.kind) {
    case 'constant':
      requireNumber(`${field}.ms`, d.ms, 0);
      break;
    case 'uniform':
      requireNumber(`${field}.minMs`, d.minMs, 0);
      requireNumber(`${field}.maxMs`, d.maxMs, d.minMs);
      break;
    case 'normal':
      requireNumber(`${field}.meanMs`, d.meanMs, 0);
      requireNumber(`${field}.stddevMs`, d.stddevMs, 0);
      break;
    case 'exponential':
      requireNumber(`${field}.meanMs`, d.meanMs, 0);
      break;
    case 'lognormal':
      requireNumber(`${field}.medianMs`, d.medianMs, Number.MIN_VALUE);
      requireNumber(`${field}.sigma`, d.sigma, 0);
      break;
    case 'pareto':
      requireNumber(`${field}.scaleMs`, d.scaleMs, Number.MIN_VALUE);
      requireNumber(`${field}.alpha`, d.alpha, Number.MIN_VALUE);
      break;
    default:
      throw new ConfigError(`${field}.kind`, (d as { kind: unknown }).kind,
        "must be one of 'constant', 'uniform', 'normal', 'exponential', 'lognormal', 'pareto'");
  }
  return d;
}

/** Standard normal deviate by Box–Muller (uses two draws). */
function gaussian(rng: Rng): number {
  const u = 1 - rng.next();
  const v = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Draws one sample (never negative) from a distribution. */
export function sample(d: Distribution, rng: Rng): number {
  switch (d.kind) {
    case 'constant':
      return d.ms;
    case 'uniform':
      return d.minMs + rng.next() * (d.maxMs - d.minMs);
    case 'normal':
      return Math.max(0, d.meanMs + d.stddevMs * gaussian(rng));
    case 'exponential':
      return -d.meanMs * Math.log(1 - rng.next());
    case 'lognormal':
      return d.medianMs * Math.exp(d.sigma * gaussian(rng));
    case 'pareto':
      return d.scaleMs / Math.pow(1 - rng.next(), 1 / d.alpha);
  }
}

/** Shorthands for building distributions. */
export const dist = {
  constant: (ms: number): Distribution => ({ kind: 'constant', ms }),
  uniform: (minMs: number, maxMs: number): Distribution => ({ kind: 'uniform', minMs, maxMs }),
  normal: (meanMs: number, stddevMs: number): Distribution => ({ kind: 'normal', meanMs, stddevMs }),
  exponential: (meanMs: number): Distribution => ({ kind: 'exponential', meanMs }),
  lognormal: (medianMs: number, sigma: number): Distribution => ({ kind: 'lognormal', medianMs, sigma }),
  pareto: (scaleMs: number, alpha: number): Distribution => ({ kind: 'pareto', scaleMs, alpha }),
} as const;
