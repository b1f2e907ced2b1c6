import { ConfigError, type Rng } from '@faultline/core';

/**
 * The fault families a run can meet. Link families (loss, duplicate, reorder, delay) are separate
 * so that a swarm run can have one without the others (Groce et al., "Swarm Testing", ISSTA 2012:
 * leaving feature kinds out of a run finds bugs that every-kind-at-once masks).
 */
export type FaultFamily = 'partition' | 'crash' | 'pause' | 'loss' | 'duplicate' | 'reorder' | 'delay' | 'clock';

/** Every family, in documentation order. */
export const FAULT_FAMILIES: readonly FaultFamily[] = ['partition', 'crash', 'pause', 'loss', 'duplicate', 'reorder', 'delay', 'clock'];

/** Which families are on in one run, and how hard each hits. Plain data: printed, and kept in capsules. */
export interface FaultMix {
  readonly families: readonly FaultFamily[];
  /** Drop probability of a loss fault. */
  readonly loss: number;
  /** Probability a frame is duplicated. */
  readonly duplicate: number;
  /** Probability a frame is held back and overtaken. */
  readonly reorder: number;
  /** Median ms of a delay fault (lognormal, σ = 1: a long tail). */
  readonly delayMs: number;
  /** Largest clock offset or jump, ms. */
  readonly clockMs: number;
  /** Mean quiet time between two faults, ms. */
  readonly gapMs: number;
  /** Mean time a fault lasts, ms. */
  readonly faultMs: number;
}

/** The fixed mix: every family on, middling intensities (the baseline swarm is measured against). */
export const UNIFORM_MIX: FaultMix = {
  families: FAULT_FAMILIES, loss: 0.2, duplicate: 0.2, reorder: 0.3, delayMs: 100, clockMs: 500, gapMs: 400, faultMs: 400,
};

const round = (x: number, step: number) => Number((Math.round(x / step) * step).toFixed(6));

/**
 * Draws a swarm mix: each allowed family on with probability ½ (at least one), and every
 * intensity drawn from its range, so one seed is gentle and another savage.
 */
export function drawSwarmMix(rng: Rng, allowed: readonly FaultFamily[] = FAULT_FAMILIES): FaultMix {
  let families = allowed.filter(() => rng.chance(0.5));
  if (families.length === 0 && allowed.length > 0) families = [rng.pick(allowed)];
  return {
    families,
    loss: round(0.05 + rng.next() * 0.45, 0.01),
    duplicate: round(0.05 + rng.next() * 0.45, 0.01),
    reorder: round(0.1 + rng.next() * 0.5, 0.01),
    delayMs: round(10 + rng.next() * 290, 1),
    clockMs: round(50 + rng.next() * 950, 1),
    gapMs: round(100 + rng.next() * 900, 1),
    faultMs: round(100 + rng.next() * 900, 1),
  };
}

/** One line: `loss 0.23, crash, clock 480ms; faults every ~300ms for ~500ms`. */
export function describeMix(mix: FaultMix): string {
  if (mix.families.length === 0) return 'no faults';
  const part = (f: FaultFamily): string => {
    switch (f) {
      case 'loss': return `loss ${mix.loss}`;
      case 'duplicate': return `duplicate ${mix.duplicate}`;
      case 'reorder': return `reorder ${mix.reorder}`;
      case 'delay': return `delay ~${mix.delayMs}ms`;
      case 'clock': return `clock ±${mix.clockMs}ms`;
      default: return f;
    }
  };
  return `${mix.families.map(part).join(', ')}; faults every ~${mix.gapMs}ms for ~${mix.faultMs}ms`;
}

const NUMERIC: Record<string, { key: keyof FaultMix; min: number; max: number }> = {
  loss: { key: 'loss', min: 0, max: 1 },
  duplicate: { key: 'duplicate', min: 0, max: 1 },
  reorder: { key: 'reorder', min: 0, max: 1 },
  delay: { key: 'delayMs', min: 0, max: 60_000 },
  clock: { key: 'clockMs', min: 0, max: 3_600_000 },
  gap: { key: 'gapMs', min: 1, max: 3_600_000 },
  for: { key: 'faultMs', min: 1, max: 3_600_000 },
};

/**
 * Parses `--faults`: `uniform` (every family, {@link UNIFORM_MIX}), `none`, or a comma list of
 * families with optional intensities and timing, e.g. `loss=0.3,crash,clock=800,gap=200,for=500`.
 */
export function parseFaults(text: string): FaultMix {
  const spec = text.trim();
  if (spec === 'uniform' || spec === 'all') return UNIFORM_MIX;
  if (spec === 'none') return { ...UNIFORM_MIX, families: [] };
  const families: FaultFamily[] = [];
  const mix: Record<string, unknown> = { ...UNIFORM_MIX };
  for (const item of spec.split(',')) {
    const [name = '', value] = item.trim().split('=');
    const numeric = NUMERIC[name];
    if (value !== undefined) {
      const n = Number(value);
      if (numeric === undefined) throw new ConfigError('--faults', item, `'${name}' takes no value; intensities: ${Object.keys(NUMERIC).join(', ')}`);
      if (value.trim() === '' || !Number.isFinite(n) || n < numeric.min || n > numeric.max) throw new ConfigError('--faults', item, `${name} must be a number in [${numeric.min}, ${numeric.max}]`);
      mix[numeric.key] = n;
    }
    if ((FAULT_FAMILIES as readonly string[]).includes(name)) {
      if (!families.includes(name as FaultFamily)) families.push(name as FaultFamily);
    } else if (numeric === undefined || value === undefined) {
      throw new ConfigError('--faults', item, `must be uniform, none, or families among ${FAULT_FAMILIES.join(', ')} (with =intensity), gap=ms, for=ms`);
    }
  }
  return { ...(mix as unknown as FaultMix), families };
}
