// The chart of a transactional anomaly's cycle, as plain JSON (txn.json; the client draws it).

/** One transaction of a drawn cycle: its name, process lane and span on the history's event axis. */
export interface CycleTxn {
  readonly name: string;
  readonly process: number;
  /** Position of its invocation among the history's events (its completion's when unknown). */
  readonly start: number;
  /** Position of its completion among the history's events. */
  readonly end: number;
  /** Its micro-ops as Elle writes them, e.g. `[:append :x 1] [:r :y [1]]`. */
  readonly mops: string;
}

/** One edge of a drawn cycle: from one transaction (by position in `txns`) to the next, labelled. */
export interface CycleEdge {
  readonly from: number;
  readonly to: number;
  /** ww, wr, rw, process or realtime. */
  readonly rel: 'ww' | 'wr' | 'rw' | 'process' | 'realtime';
  /** Short label on the arrow, e.g. `wr :y 1`, `rw :x init→3`. */
  readonly label: string;
  /** The explanation sentence. */
  readonly text: string;
}

/** A cycle anomaly ready to draw over the transactions' timeline (the content of a run folder's txn.json). */
export interface TxnCycleChart {
  /** Anomaly type, e.g. G1c, G-single-item-realtime. */
  readonly type: string;
  readonly txns: readonly CycleTxn[];
  readonly edges: readonly CycleEdge[];
}
