import type { HistoryModel } from '../model/report-model.ts';

/** The operations a checker's verdict names, by role. */
export interface Anomaly {
  /** Ops that cannot be placed next (the anomaly). */
  readonly stuck: ReadonlySet<number>;
  /** Ops of the longest linearizable prefix. */
  readonly prefix: ReadonlySet<number>;
  /** Ops whose return bounds the next step. */
  readonly due: ReadonlySet<number>;
}

/** Collects the ops named by every non-linearizable key of a history's check. */
export function anomalyOf(h: HistoryModel): Anomaly {
  const stuck = new Set<number>();
  const prefix = new Set<number>();
  const due = new Set<number>();
  for (const k of h.check?.perKey ?? []) {
    if (k.verdict !== 'not-linearizable') continue;
    for (const id of k.stuck) stuck.add(id);
    for (const id of k.prefix) prefix.add(id);
    if (k.due >= 0) due.add(k.due);
  }
  return { stuck, prefix, due };
}
