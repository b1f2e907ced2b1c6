import {
  ConfigError, requireInteger, requireNumber, requireOneOf, requireProbability, validateDistribution, type Distribution,
} from '@faultline/core';
import { describeDistribution } from './describe.ts';

/** What a rule does to a frame on a matched link, as data (so it can cross to workers). */
export type LinkFault =
  /** Loses the frame with `probability`. */
  | { readonly kind: 'drop'; readonly probability: number }
  /** Adds a delay drawn from `distribution`, ± up to `jitterMs` uniformly, to a `probability` share of frames (default all). */
  | { readonly kind: 'delay'; readonly distribution: Distribution; readonly jitterMs?: number; readonly probability?: number }
  /** Delivers `copies` extra copies (default 1) of the frame with `probability`. */
  | { readonly kind: 'duplicate'; readonly probability: number; readonly copies?: number }
  /** With `probability`, holds a frame back by a delay from `distribution` so later frames on the link overtake it. */
  | { readonly kind: 'reorder'; readonly probability: number; readonly distribution: Distribution }
  /** Caps the link at `bytesPerSecond`; at most `queueFrames` frames wait behind the one being sent, later ones are dropped. */
  | { readonly kind: 'bandwidth'; readonly bytesPerSecond: number; readonly queueFrames: number }
  /** With `probability`, flips `bytes` bytes (default 1): anywhere, or starting with the frame header (always detected). */
  | { readonly kind: 'corrupt'; readonly probability: number; readonly bytes?: number; readonly where?: CorruptWhere }
  /** Loses every frame (what partitions do). */
  | { readonly kind: 'block' };

/** Where corruption flips bytes: `any` may silently change a payload; `header` always makes the frame undecodable. */
export type CorruptWhere = 'any' | 'header';

/** Every fault kind, in documentation order. */
export const LINK_FAULT_KINDS = ['drop', 'delay', 'duplicate', 'reorder', 'bandwidth', 'corrupt', 'block'] as const;

/** Shorthands for building faults. */
export const fault = {
  drop: (probability: number): LinkFault => ({ kind: 'drop', probability }),
  delay: (distribution: Distribution, jitterMs = 0, probability = 1): LinkFault =>
    ({ kind: 'delay', distribution, jitterMs, probability }),
  duplicate: (probability: number, copies = 1): LinkFault => ({ kind: 'duplicate', probability, copies }),
  reorder: (probability: number, distribution: Distribution): LinkFault => ({ kind: 'reorder', probability, distribution }),
  bandwidth: (bytesPerSecond: number, queueFrames = 64): LinkFault => ({ kind: 'bandwidth', bytesPerSecond, queueFrames }),
  corrupt: (probability: number, bytes = 1, where: CorruptWhere = 'any'): LinkFault => ({ kind: 'corrupt', probability, bytes, where }),
  block: (): LinkFault => ({ kind: 'block' }),
} as const;

/** Checks a fault's parameters; throws ConfigError naming the field (e.g. `drop.probability`). */
export function validateLinkFault(f: LinkFault, prefix = ''): LinkFault {
  if (typeof f !== 'object' || f === null) throw new ConfigError(`${prefix}fault`, f, 'must be a fault object');
  const field = (name: string) => `${prefix}${f.kind}.${name}`;
  switch (f.kind) {
    case 'drop':
      requireProbability(field('probability'), f.probability);
      break;
    case 'delay':
      distribution(field('distribution'), f.distribution);
      if (f.jitterMs !== undefined) requireNumber(field('jitterMs'), f.jitterMs, 0);
      if (f.probability !== undefined) requireProbability(field('probability'), f.probability);
      break;
    case 'duplicate':
      requireProbability(field('probability'), f.probability);
      if (f.copies !== undefined) requireInteger(field('copies'), f.copies, 1, 100);
      break;
    case 'reorder':
      requireProbability(field('probability'), f.probability);
      distribution(field('distribution'), f.distribution);
      break;
    case 'bandwidth':
      requireNumber(field('bytesPerSecond'), f.bytesPerSecond, Number.MIN_VALUE);
      requireInteger(field('queueFrames'), f.queueFrames, 0, 1_000_000);
      break;
    case 'corrupt':
      requireProbability(field('probability'), f.probability);
      if (f.bytes !== undefined) requireInteger(field('bytes'), f.bytes, 1, 1024);
      if (f.where !== undefined) requireOneOf(field('where'), f.where, ['any', 'header'] as const);
      break;
    case 'block':
      break;
    default:
      throw new ConfigError(`${prefix}fault.kind`, (f as { kind: unknown }).kind,
        `must be one of ${LINK_FAULT_KINDS.map((k) => `'${k}'`).join(', ')}`);
  }
  return f;
}

function distribution(field: string, d: unknown): void {
  if (typeof d !== 'object' || d === null) throw new ConfigError(field, d, 'must be a distribution object');
  validateDistribution(d as Distribution, field);
}

/** Renders a fault for logs: `drop 30%`, `delay lognormal(median 20ms, σ 0.5)`. */
export function describeFault(f: LinkFault): string {
  const pct = (p: number) => `${+(p * 100).toFixed(2)}%`;
  switch (f.kind) {
    case 'drop': return `drop ${pct(f.probability)}`;
    case 'delay': {
      const jitter = f.jitterMs ? ` ±${f.jitterMs}ms` : '';
      const share = f.probability !== undefined && f.probability < 1 ? ` on ${pct(f.probability)}` : '';
      return `delay ${describeDistribution(f.distribution)}${jitter}${share}`;
    }
    case 'duplicate': return `duplicate ${pct(f.probability)} x${f.copies ?? 1}`;
    case 'reorder': return `reorder ${pct(f.probability)} by ${describeDistribution(f.distribution)}`;
    case 'bandwidth': return `bandwidth ${f.bytesPerSecond} B/s, queue ${f.queueFrames}`;
    case 'corrupt': return `corrupt ${pct(f.probability)} (${f.bytes ?? 1} byte(s), ${f.where ?? 'any'})`;
    case 'block': return 'block';
  }
}
