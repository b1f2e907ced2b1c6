/** One completed operation, placed on a node's lane. */
export interface TimelineOp {
  readonly lane: string;
  /** When it completed, in the runtime's true time (ms). */
  readonly at: number;
  readonly outcome: 'ok' | 'fail' | 'info';
}

/** A labelled interval drawn above the lanes (e.g. a partition). */
export interface TimelineBand {
  readonly label: string;
  readonly from: number;
  readonly to: number;
}

/** What to draw. */
export interface TimelineSpec {
  readonly lanes: readonly string[];
  readonly ops: readonly TimelineOp[];
  readonly bands?: readonly TimelineBand[];
  readonly startMs: number;
  readonly endMs: number;
  /** Characters across; each covers (end − start) / columns ms. */
  readonly columns: number;
}

const MARK = { ok: 'o', fail: 'x', info: '?' } as const;
const RANK = { ok: 1, info: 2, fail: 3 } as const;

/**
 * Draws operations as an ASCII timeline, one lane per node: `o` all ok, `x` some failed
 * definitely, `?` some unknown, `·` nothing completed. Bands mark intervals such as partitions.
 */
export function renderTimeline(spec: TimelineSpec): string[] {
  const width = Math.max(1, spec.columns);
  const span = Math.max(1, spec.endMs - spec.startMs);
  const column = (t: number) => Math.min(width - 1, Math.max(0, Math.floor(((t - spec.startMs) / span) * width)));
  const labelWidth = Math.max(6, ...spec.lanes.map((l) => l.length), ...(spec.bands ?? []).map((b) => b.label.length));
  const lines: string[] = [];
  const ruler = Array.from({ length: width }, () => ' ');
  const stepMs = Math.max(1000, Math.ceil(span / 10 / 1000) * 1000);
  for (let t = Math.ceil(spec.startMs / stepMs) * stepMs; t <= spec.endMs; t += stepMs) {
    const label = `${t / 1000}s`;
    const c = column(t);
    for (let i = 0; i < label.length && c + i < width; i++) ruler[c + i] = label[i] as string;
  }
  lines.push(`${''.padEnd(labelWidth)}  ${ruler.join('')}`);
  for (const band of spec.bands ?? []) {
    const row = Array.from({ length: width }, () => ' ');
    for (let c = column(band.from); c <= column(Math.max(band.from, band.to - 1e-9)); c++) row[c] = '=';
    lines.push(`${band.label.padEnd(labelWidth)}  ${row.join('')}`);
  }
  for (const lane of spec.lanes) {
    const worst: (keyof typeof MARK | undefined)[] = Array.from({ length: width }, () => undefined);
    for (const op of spec.ops) {
      if (op.lane !== lane) continue;
      const c = column(op.at);
      const seen = worst[c];
      if (seen === undefined || RANK[op.outcome] > RANK[seen]) worst[c] = op.outcome;
    }
    lines.push(`${lane.padEnd(labelWidth)}  ${worst.map((w) => (w ? MARK[w] : '·')).join('')}`);
  }
  return lines;
}
