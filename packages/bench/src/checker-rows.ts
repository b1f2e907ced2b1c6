import type { HistorySpec } from './checker-histories.ts';

/** One generated-history benchmark row: a name and what to generate. */
export interface CheckerRow {
  /** Bench name, e.g. `checker-register-10p-10k-ok`. */
  name: string;
  /** The history to generate (seeded: same history every run). */
  spec: HistorySpec;
  /** The verdict a correct checker gives. */
  expected: 'linearizable' | 'not-linearizable';
}

/** The seed every generated checker history uses, so every run checks the same histories. */
export const CHECKER_SEED = 1;

const row = (name: string, spec: Omit<HistorySpec, 'seed'>): CheckerRow => ({
  name: `checker-${name}`,
  spec: { ...spec, seed: CHECKER_SEED },
  expected: spec.staleRead === true ? 'not-linearizable' : 'linearizable',
});

/** The generated rows of issue 15's table (Porcupine side by side: see docs). */
export const CHECKER_ROWS: readonly CheckerRow[] = [
  row('register-10p-1k-ok', { model: 'register', processes: 10, ops: 1_000 }),
  row('register-10p-10k-ok', { model: 'register', processes: 10, ops: 10_000 }),
  row('register-10p-10k-stale', { model: 'register', processes: 10, ops: 10_000, staleRead: true }),
  row('register-10p-30k-ok', { model: 'register', processes: 10, ops: 30_000 }),
  row('kv-10keys-50p-100k-ok', { model: 'kv', processes: 50, ops: 100_000, keys: 10 }),
  row('cas-register-10p-10k-stale', { model: 'cas-register', processes: 10, ops: 10_000, staleRead: true }),
];
