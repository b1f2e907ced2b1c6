import uPlot from 'uplot';
import type { FaultWindow, HistoryModel } from '../model/report-model.ts';
import { typeColor, WINDOW_FILL } from './colors.ts';
import { el } from './dom.ts';
import { histogramBins } from './histogram-bins.ts';
import { historySpan } from './timeline.ts';

/** Shades fault windows behind a uPlot chart's series. */
function windowsPlugin(windows: readonly FaultWindow[]): uPlot.Plugin {
  return {
    hooks: {
      drawClear: (u: uPlot) => {
        const { ctx, bbox } = u;
        ctx.save();
        for (const w of windows) {
          const x0 = Math.max(bbox.left, u.valToPos(w.from, 'x', true));
          const x1 = Math.min(bbox.left + bbox.width, u.valToPos(w.to, 'x', true));
          if (x1 <= x0) continue;
          ctx.fillStyle = WINDOW_FILL[w.kind] ?? 'rgba(0,0,0,0.08)';
          ctx.fillRect(x0, bbox.top, x1 - x0, bbox.height);
        }
        ctx.restore();
      },
    },
  };
}

/** Latency of every completed (ok or failed) op, by op type: time of completion → ms. */
function series(h: HistoryModel): { fs: string[]; x: number[]; ys: (number | null)[][] } {
  const o = h.ops;
  const fs = [...new Set(o.f)].sort();
  const done: number[] = [];
  for (let i = 0; i < o.count; i++) if ((o.ret[i] as number) >= 0 && o.status[i] !== 'info') done.push(i);
  done.sort((a, b) => (o.ret[a] as number) - (o.ret[b] as number));
  const x = done.map((i) => o.ret[i] as number);
  const ys = fs.map((f) => done.map((i) => (o.f[i] === f ? (o.ret[i] as number) - (o.call[i] as number) : null)));
  return { fs, x, ys };
}

/** Latency over time (a scatter per op type, fault windows shaded) and a histogram per op type. */
export function latencyCharts(parent: HTMLElement, h: HistoryModel, endMs: number): number {
  const { fs, x, ys } = series(h);
  const width = Math.max(560, (parent.clientWidth || 900) - 40);
  const box = el('div', { class: 'chart', 'data-chart': 'latency-over-time' });
  // A static legend: uPlot's own shows "completed at: -- read: --" until the pointer is over a point.
  const legend = el('div', { class: 'toolbar legend' }, ...fs.map((f, i) => el('span', {}, el('span', { class: 'swatch', style: `background:${typeColor(i)}` }), f)));
  parent.append(box, legend);
  let charts = 0;
  new uPlot({
    width, height: 260, title: 'latency over time (ms, by completion time)',
    scales: { x: { time: false, range: historySpan(h, endMs) }, y: { distr: 3 } },
    axes: [{ label: 'true time (ms)' }, { label: 'latency (ms)' }],
    series: [{ label: 'completed at' }, ...fs.map((f, i) => ({
      label: f, stroke: typeColor(i), paths: () => null, points: { show: true, size: 4, fill: typeColor(i), stroke: typeColor(i) },
    }))],
    plugins: [windowsPlugin(h.windows)],
    legend: { show: false },
  }, [x, ...ys.map((y) => y.map((v) => (v === null ? null : Math.max(v, 0.001))))] as uPlot.AlignedData, box);
  charts++;
  const row = el('div', { class: 'charts' });
  parent.append(row);
  const bars = uPlot.paths.bars;
  fs.forEach((f, k) => {
    const values = (ys[k] ?? []).filter((v): v is number => v !== null);
    if (values.length === 0) return;
    const { centers, counts, log } = histogramBins(values);
    const holder = el('div', { class: 'chart', 'data-chart': `latency-histogram-${f}` });
    row.append(holder);
    new uPlot({
      width: Math.max(280, Math.floor(width / Math.min(3, fs.length)) - 12), height: 200, title: `${f}: latency histogram (${values.length} ops)`,
      scales: { x: log ? { time: false, distr: 3 } : { time: false } },
      axes: [{ label: log ? 'latency (ms, log scale)' : 'latency (ms)' }, { label: 'operations' }],
      series: [{ label: 'latency' }, { label: f, fill: typeColor(k), stroke: typeColor(k), ...(bars ? { paths: bars({ size: [0.9, 40] }) } : {}), points: { show: false } }],
      legend: { show: false },
    }, [centers, counts], holder);
    charts++;
  });
  return charts;
}
