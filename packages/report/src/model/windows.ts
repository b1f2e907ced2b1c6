import type { NemesisRecord } from '../folder/layout.ts';
import type { FaultWindow } from './report-model.ts';

type Kind = FaultWindow['kind'];

/** Which op opens a window and which closes it. */
const OPENS: Readonly<Record<string, Kind>> = { partition: 'partition', crash: 'crash', pause: 'pause', 'link-fault': 'link-fault', clock: 'clock' };
const CLOSES: Readonly<Record<string, Kind>> = { heal: 'partition', restart: 'crash', resume: 'pause', 'remove-link-fault': 'link-fault' };

/**
 * Pairs nemesis steps into windows: a partition lasts until a heal, a crash until the restart
 * of that node, a pause until its resume, a link fault until removed; a clock fault, or anything
 * never undone, lasts to the end of the run. A skipped step (it never ran) draws nothing.
 */
export function faultWindows(steps: readonly NemesisRecord[], endMs: number): FaultWindow[] {
  const out: FaultWindow[] = [];
  const open: { kind: Kind; from: number; nodes: string[]; label: string }[] = [];
  const close = (match: (w: (typeof open)[number]) => boolean, t: number) => {
    for (let i = open.length - 1; i >= 0; i--) {
      const w = open[i] as (typeof open)[number];
      if (!match(w)) continue;
      out.push({ kind: w.kind, from: w.from, to: t, nodes: w.nodes, label: w.label });
      open.splice(i, 1);
    }
  };
  for (const step of [...steps].filter((s) => s.skipped === undefined).sort((a, b) => a.t - b.t)) {
    const kind = step.op.kind;
    const nodes = step.op.nodes ? [...step.op.nodes] : step.op.plan ? [...new Set(step.op.plan.groups.flat())] : [];
    const opened = OPENS[kind];
    if (opened) {
      open.push({ kind: opened, from: step.t, nodes, label: step.text });
      continue;
    }
    const closed = CLOSES[kind];
    if (closed === 'crash' || closed === 'pause') close((w) => w.kind === closed && w.nodes.some((n) => nodes.includes(n)), step.t);
    else if (closed) close((w) => w.kind === closed, step.t);
  }
  close(() => true, endMs);
  return out.sort((a, b) => a.from - b.from);
}
