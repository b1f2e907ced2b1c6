import { randomBytes } from 'node:crypto';
import { ConfigError } from '../errors.ts';

/** A seeded pseudo-random generator: the only source of randomness protocol code may use. */
export interface Rng {
  /** The seed this generator was made from (derived generators have their own). */
  readonly seed: number;
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** A new array with the items in random order. */
  shuffled<T>(items: readonly T[]): T[];
  /** An independent generator whose stream depends only on this seed and the label. */
  derive(label: string): Rng;
}

/** Hashes a string to 32 bits (FNV-1a, then an avalanche step). */
export function hash32(text: string, basis = 0x811c9dc5): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): fast, 128-bit state, passes PractRand. */
class Sfc32 implements Rng {
  readonly seed: number;
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.seed = seed >>> 0;
    // splitmix32 expands the 32-bit seed into the 128-bit state.
    let s = this.seed;
    const mix = (): number => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
      z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
      return (z ^ (z >>> 15)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix();
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  private nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new ConfigError('items', items, 'must not be empty');
    return items[this.int(items.length)] as T;
  }

  shuffled<T>(items: readonly T[]): T[] {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  derive(label: string): Rng {
    return new Sfc32(hash32(label, this.seed ^ 0x9e3779b9));
  }
}

/** Makes a generator from a seed (any integer; only the low 32 bits matter). */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed)) throw new ConfigError('seed', seed, 'must be an integer');
  return new Sfc32(seed);
}

/** A fresh seed for a run that was not given one; print it so the run can be replayed. */
export function freshSeed(): number {
  return randomBytes(4).readUInt32BE(0);
}

/** Parses a seed given on a command line or in config. */
export function parseSeed(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) {
    throw new ConfigError('seed', text, 'must be a whole number between 0 and 4294967295');
  }
  return n;
}
