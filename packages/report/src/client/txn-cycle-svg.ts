import type { TxnCycleChart } from '../model/txn-cycle-chart.ts';

/** Colour per relationship, as the legend gives them. */
export const REL_COLORS: Readonly<Record<string, string>> = { ww: '#1f77b4', wr: '#2ca02c', rw: '#d62728', process: '#7f7f7f', realtime: '#9467bd' };

const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

const LANE = 34;
const LEFT = 90;
const STEP = 70;
const TOP = 56;

/**
 * A cycle drawn over its transactions' timeline, as SVG text: one lane per process, each
 * transaction a bar from invocation to completion (event order, compressed to the cycle's own
 * events), and one curved arrow per edge of the cycle, coloured and labelled by its relationship.
 */
export function txnCycleSvg(chart: TxnCycleChart): string {
  const lanes = [...new Set(chart.txns.map((t) => t.process))].sort((a, b) => a - b);
  const ticks = [...new Set(chart.txns.flatMap((t) => [t.start, t.end]))].sort((a, b) => a - b);
  const x = (pos: number): number => LEFT + ticks.indexOf(pos) * STEP;
  const y = (p: number): number => TOP + lanes.indexOf(p) * LANE;
  const width = LEFT + Math.max(1, ticks.length - 1) * STEP + 60;
  const height = TOP + lanes.length * LANE + 50;
  const parts: string[] = [];
  for (const p of lanes) parts.push(`<text x="4" y="${y(p) + 4}" class="lane">process ${p}</text><line x1="${LEFT - 10}" x2="${width - 10}" y1="${y(p)}" y2="${y(p)}" stroke="#ddd"/>`);
  const mid = chart.txns.map((t) => ({ cx: (x(t.start) + x(t.end)) / 2, cy: y(t.process) }));
  chart.txns.forEach((t, i) => {
    const x0 = x(t.start), x1 = Math.max(x(t.end), x0 + 16);
    parts.push(`<g class="txn"><title>${esc(`${t.name}: ${t.mops}`)}</title><rect x="${x0}" y="${y(t.process) - 8}" width="${x1 - x0}" height="16" rx="3" fill="#f2f2f2" stroke="#333"/><text x="${mid[i]!.cx}" y="${y(t.process) + 4}" text-anchor="middle">${esc(t.name)}</text></g>`);
  });
  chart.edges.forEach((e, i) => {
    const a = mid[e.from]!, b = mid[e.to]!;
    const color = REL_COLORS[e.rel] ?? '#000';
    // Alternate bends so arrows between the same two transactions do not overlap.
    const up = i % 2 === 0;
    const bend = (up ? -1 : 1) * (48 + 12 * Math.floor(i / 2));
    // Arrows above the lanes leave from the bars' tops, those below from their bottoms.
    const ay = a.cy + (up ? -8 : 8), by = b.cy + (up ? -8 : 8);
    const qx = (a.cx + b.cx) / 2, qy = (ay + by) / 2 + bend;
    // The curve's apex (t = 1/2), with the label just outside it on a white halo.
    const apexY = (ay + 2 * qy + by) / 4;
    parts.push(`<g class="edge" data-rel="${e.rel}"><title>${esc(e.text)}</title><path d="M${a.cx},${ay} Q${qx},${qy} ${b.cx},${by}" fill="none" stroke="${color}" stroke-width="1.5" marker-end="url(#arrow-${e.rel})"/><text x="${qx}" y="${apexY + (up ? -4 : 12)}" text-anchor="middle" fill="${color}" stroke="#fff" stroke-width="3" paint-order="stroke" class="edge-label">${esc(e.label)}</text></g>`);
  });
  const markers = Object.entries(REL_COLORS).map(([rel, c]) => `<marker id="arrow-${rel}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${c}"/></marker>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="txn-cycle" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-size="11" font-family="sans-serif"><defs>${markers}</defs><text x="4" y="12" font-weight="bold">${esc(chart.type)}</text>${parts.join('')}</svg>`;
}
