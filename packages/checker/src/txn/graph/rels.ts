/**
 * Relationships between transactions, as bits (elle src/elle/rels.clj and BitRels.java):
 * write-write, write-read, read-write (anti-dependency), process order and real-time order.
 */
export const WW = 1;
export const WR = 2;
export const RW = 4;
export const PROCESS = 8;
export const REALTIME = 16;

/** A relationship's name, as Elle prints it. */
export type RelName = 'ww' | 'wr' | 'rw' | 'process' | 'realtime';

/** The name of a single-bit relationship. */
export function relName(bit: number): RelName {
  switch (bit) {
    case WW: return 'ww';
    case WR: return 'wr';
    case RW: return 'rw';
    case PROCESS: return 'process';
    case REALTIME: return 'realtime';
    default: throw new Error(`not a single relationship bit: ${bit}`);
  }
}

/**
 * The relationship an edge is explained by: Elle's combined explainer asks the ww, wr, rw,
 * then process/realtime explainers in turn and keeps the first answer (elle core.clj `combine`).
 */
export function explainedRel(bits: number): number {
  if (bits & WW) return WW;
  if (bits & WR) return WR;
  if (bits & RW) return RW;
  if (bits & PROCESS) return PROCESS;
  return REALTIME;
}
