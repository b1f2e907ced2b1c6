import { compareAnomalies } from '../lattice/anomalies.ts';
import { PROCESS, REALTIME, RW, WR, WW } from '../graph/rels.ts';

/** How a cycle must use anti-dependency (rw) edges. */
export type RwMode = 'none' | 'single' | 'nonadjacent' | 'adjacent';

/**
 * A kind of cycle to search for (elle txn.clj `base-cycle-anomaly-specs`): the relationships its
 * edges may have, those it must include at least once, and its rule for rw edges
 * (`single`: exactly one; `nonadjacent`: two or more, no two in a row; `adjacent`: two or more,
 * two in a row — G2-item, which Elle tells from G-nonadjacent by explaining the cycle).
 */
export interface CycleSpec {
  readonly type: string;
  readonly rels: number;
  readonly required: readonly number[];
  readonly rw: RwMode;
}

const BASE: readonly CycleSpec[] = [
  { type: 'G0', rels: WW, required: [], rw: 'none' },
  { type: 'G1c', rels: WW | WR, required: [WR], rw: 'none' },
  { type: 'G-single-item', rels: WW | WR | RW, required: [], rw: 'single' },
  { type: 'G-nonadjacent-item', rels: WW | WR | RW, required: [], rw: 'nonadjacent' },
  { type: 'G2-item', rels: WW | WR | RW, required: [], rw: 'adjacent' },
];

/**
 * Every cycle spec with its -process and -realtime variants (a variant may use, and must use,
 * that order's edges), in Elle's search order: shallowest in the anomaly lattice first.
 * Elle's predicate specs (G-single, G-nonadjacent, G2) never match item-only histories and are left out.
 */
export const CYCLE_SPECS: readonly CycleSpec[] = [
  ...BASE,
  ...BASE.map((s) => ({ ...s, type: `${s.type}-process`, rels: s.rels | PROCESS, required: [...s.required, PROCESS] })),
  ...BASE.map((s) => ({ ...s, type: `${s.type}-realtime`, rels: s.rels | REALTIME, required: [...s.required, REALTIME] })),
].sort((a, b) => compareAnomalies(a.type, b.type));

/** Every cycle anomaly type Elle reports. */
export const CYCLE_TYPES: ReadonlySet<string> = new Set([
  ...CYCLE_SPECS.map((s) => s.type),
  ...['G-single', 'G-nonadjacent', 'G2'].flatMap((t) => [t, `${t}-process`, `${t}-realtime`]),
]);

/** A subgraph whose cycles rule out a model (elle txn.clj `cycle-exists-specs`): a union of rels, or A extended by one B hop. */
export interface CycleExistsSpec {
  readonly model: string;
  readonly rels: number;
  readonly extendBy?: number;
}

export const CYCLE_EXISTS_SPECS: readonly CycleExistsSpec[] = [
  { model: 'PL-1', rels: WW },
  { model: 'PL-2', rels: WW | WR },
  { model: 'PL-SI', rels: WW | WR, extendBy: RW },
  { model: 'PL-2.99', rels: WW | WR | RW },
  { model: 'PL-3', rels: WW | WR | RW },
  { model: 'strong-session-PL-1', rels: WW | PROCESS },
  { model: 'strong-session-PL-2', rels: WW | WR | PROCESS },
  { model: 'strong-session-snapshot-isolation', rels: WW | WR | PROCESS, extendBy: RW },
  { model: 'strong-session-serializable', rels: WW | WR | RW | PROCESS },
  { model: 'strong-PL-1', rels: WW | REALTIME },
  { model: 'strong-PL-2', rels: WW | WR | REALTIME },
  { model: 'strong-snapshot-isolation', rels: WW | WR | REALTIME, extendBy: RW },
  { model: 'PL-SS', rels: WW | WR | RW | REALTIME },
];
