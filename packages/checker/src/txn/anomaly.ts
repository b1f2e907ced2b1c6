import type { Elem } from './history/txn.ts';

/** One step of a cycle: why the previous transaction precedes the next. */
export interface CycleStep {
  /** The relationship explaining this edge: ww, wr, rw, process or realtime. */
  readonly type: 'ww' | 'wr' | 'rw' | 'process' | 'realtime';
  readonly key?: Elem;
  /** ww/wr/rw: the earlier element (`init` for the initial state); realtime: unused. */
  readonly value?: Elem | 'init';
  /** ww/rw: the later element. */
  readonly value2?: Elem;
  /** process: the process both ran on. */
  readonly process?: number;
  /** The sentence: "T2 observed T1's append of 3 to key :x". */
  readonly text: string;
}

/** A found anomaly: its Elle type, the transactions involved (ids) and an explanation. */
export interface Anomaly {
  /** Elle's anomaly name, e.g. `G1c`, `G-single-item-realtime`, `incompatible-order`. */
  readonly type: string;
  /** The transactions involved, by id; for a cycle, in cycle order with the first repeated last. */
  readonly txns: readonly number[];
  /** For a cycle: one step per edge. */
  readonly steps?: readonly CycleStep[];
  /** A sentence or few explaining it. */
  readonly text: string;
}

/** Anomalies grouped by type. */
export type AnomalyMap = Map<string, Anomaly[]>;

/** Adds an anomaly to its type's list. */
export function addAnomaly(m: AnomalyMap, a: Anomaly): void {
  const list = m.get(a.type);
  if (list === undefined) m.set(a.type, [a]);
  else list.push(a);
}

/** The history cannot be checked as given (Elle throws these as `:valid? :unknown`); names why. */
export class TxnCheckUnknown extends Error {
  override readonly name = 'TxnCheckUnknown';
  /** Elle's type for it, e.g. `duplicate-appends`, `unexpected-txn-micro-op-types`, `budget`. */
  readonly type: string;

  constructor(type: string, message: string) {
    super(message);
    this.type = type;
  }
}
