import type { HistoryModel } from '../model/report-model.ts';
import type { Anomaly } from './anomaly.ts';
import { STATUS_COLOR } from './colors.ts';
import { el, ms } from './dom.ts';
import { opText, processLabel } from './op-text.ts';
import { TimeView } from './time-view.ts';

const LEFT = 92;
const TOP = 18;

/** What other sections (the checker's) can do with a timeline. */
export interface TimelineHandle {
  readonly view: TimelineView;
  /** Zooms to the given ops. */
  show(ids: readonly number[]): void;
  /** Where an op's bar is drawn now, in the canvas's CSS pixels. */
  opBox(id: number): { x: number; y: number; w: number; h: number };
}

type TimelineView = TimeView;

/**
 * The operation timeline: one row per client process (grouped by the node it talks to), a bar
 * per operation from call to return, green ok / red failed / orange unknown (running to the
 * end). Fault windows shade the background. Operations the checker names are outlined: thick
 * red for those that cannot be placed, blue underline for the longest linearizable prefix.
 */
export function timeline(parent: HTMLElement, h: HistoryModel, anomaly: Anomaly, endMs: number): TimelineHandle {
  const ops = h.ops;
  const processes = [...new Set(ops.process)].sort((a, b) => {
    const na = h.nodeOfProcess[String(a)] ?? '';
    const nb = h.nodeOfProcess[String(b)] ?? '';
    return na.localeCompare(nb, 'en', { numeric: true }) || a - b;
  });
  const row = new Map(processes.map((p, i) => [p, i]));
  const rowH = Math.max(4, Math.min(18, Math.floor(560 / Math.max(1, processes.length))));
  const height = TOP + processes.length * rowH + 6;
  const canvas = el('canvas', { class: 'view', id: `timeline-canvas-${h.name}` });
  const reset = el('button', { type: 'button' }, 'reset zoom');
  const status = el('span', {});
  const details = el('div', { class: 'details' }, 'Click an operation to see it.');
  const legend = el('div', { class: 'toolbar legend' },
    ...(['ok', 'fail', 'info'] as const).map((s) => el('span', {}, el('span', { class: 'swatch', style: `background:${STATUS_COLOR[s]}` }), s === 'info' ? 'unknown (info)' : s)),
    el('span', {}, el('span', { class: 'swatch', style: 'background:#fff;border:2px solid #b00020' }), 'cannot be placed (checker)'),
    el('span', {}, el('span', { class: 'swatch', style: 'background:#3860d6' }), 'longest linearizable prefix'));
  parent.append(el('div', { class: 'toolbar' }, reset, status), canvas, legend, details);
  // The history's own stretch of the run: first call to last return (unknown outcomes run to its end).
  const [start, last] = historySpan(h, endMs);
  const view = new TimeView(canvas, start, last, draw, click);
  reset.addEventListener('click', () => view.reset());
  const end = (i: number) => ((ops.ret[i] as number) < 0 ? last : (ops.ret[i] as number));
  canvas.dataset['ops'] = String(ops.count);
  canvas.dataset['highlighted'] = String(anomaly.stuck.size);

  function draw(): void {
    const ctx = view.beginFrame(canvas, parent, height, LEFT);
    view.shadeWindows(ctx, h.windows, TOP, height);
    view.drawAxis(ctx, TOP - 4, height);
    ctx.font = `${Math.min(12, rowH - 1)}px system-ui, sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.fillStyle = '#1d2330';
    if (rowH >= 8) processes.forEach((p, i) => ctx.fillText(processLabel(h.nodeOfProcess, p), 4, TOP + (i + 0.5) * rowH));
    ctx.save();
    ctx.beginPath();
    ctx.rect(LEFT, 0, view.right - LEFT, height);
    ctx.clip();
    // One fill style per outcome: bars are batched by status, not styled one by one.
    let drawn = 0;
    for (const status of ['ok', 'fail', 'info'] as const) {
      ctx.fillStyle = STATUS_COLOR[status];
      ctx.globalAlpha = status === 'info' ? 0.55 : 0.9;
      for (let i = 0; i < ops.count; i++) {
        if (ops.status[i] !== status) continue;
        const x0 = view.x(ops.call[i] as number);
        const x1 = view.x(end(i));
        if (x1 < LEFT || x0 > view.right) continue;
        ctx.fillRect(x0, TOP + (row.get(ops.process[i] as number) ?? 0) * rowH + 1, Math.max(1, x1 - x0), rowH - 2);
        drawn++;
      }
    }
    ctx.globalAlpha = 1;
    for (const id of anomaly.prefix) {
      const y = TOP + (row.get(ops.process[id] as number) ?? 0) * rowH + rowH - 2;
      ctx.fillStyle = '#3860d6';
      ctx.fillRect(view.x(ops.call[id] as number), y, Math.max(2, view.x(end(id)) - view.x(ops.call[id] as number)), 2);
    }
    for (const id of anomaly.due) {
      ctx.strokeStyle = '#b00020';
      ctx.setLineDash([4, 3]);
      const x = view.x(end(id));
      ctx.beginPath();
      ctx.moveTo(x, TOP);
      ctx.lineTo(x, height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    for (const id of anomaly.stuck) {
      const y = TOP + (row.get(ops.process[id] as number) ?? 0) * rowH;
      const x0 = view.x(ops.call[id] as number);
      ctx.strokeStyle = '#b00020';
      ctx.lineWidth = 3;
      ctx.strokeRect(x0 - 2, y - 1, Math.max(4, view.x(end(id)) - x0 + 4), rowH + 2);
      ctx.lineWidth = 1;
    }
    ctx.restore();
    status.textContent = `${ms(view.t0)} – ${ms(view.t1)} · ${drawn.toLocaleString('en-US')} of ${ops.count.toLocaleString('en-US')} operations in view`;
  }

  function click(x: number, y: number): void {
    const r = Math.floor((y - TOP) / rowH);
    const process = processes[r];
    const t = view.time(x);
    const slack = (view.t1 - view.t0) * (3 / Math.max(1, view.right - view.left));
    let found = -1;
    for (let i = 0; i < ops.count; i++) {
      if (ops.process[i] === process && (ops.call[i] as number) - slack <= t && end(i) + slack >= t) found = i;
    }
    details.textContent = found < 0 ? 'No operation there.' : describeOp(h, found, anomaly);
  }

  draw();
  return {
    view,
    opBox(id) {
      const x = view.x(ops.call[id] as number);
      return { x, y: TOP + (row.get(ops.process[id] as number) ?? 0) * rowH, w: Math.max(1, view.x(end(id)) - x), h: rowH };
    },
    show(ids) {
      if (ids.length === 0) return;
      let a = Infinity;
      let b = -Infinity;
      for (const id of ids) {
        a = Math.min(a, ops.call[id] as number);
        b = Math.max(b, end(id));
      }
      const pad = Math.max(1, (b - a) * 0.3);
      view.set(a - pad, b + pad);
      canvas.scrollIntoView({ block: 'center' });
    },
  };
}

/** From a little before the first call to a little after the last return (or the run's end). */
export function historySpan(h: HistoryModel, endMs: number): [number, number] {
  let a = Infinity;
  let b = -Infinity;
  for (let i = 0; i < h.ops.count; i++) {
    a = Math.min(a, h.ops.call[i] as number);
    b = Math.max(b, h.ops.ret[i] as number, h.ops.call[i] as number);
  }
  if (!Number.isFinite(a)) return [0, endMs];
  const pad = Math.max(1, (b - a) * 0.02);
  return [Math.max(0, a - pad), Math.min(endMs, b + pad)];
}

/** One operation in words, with its role in the checker's verdict. */
export function describeOp(h: HistoryModel, i: number, anomaly: Anomaly): string {
  const o = h.ops;
  const ret = o.ret[i] as number;
  const role = anomaly.stuck.has(i) ? '\nchecker: cannot be placed after the longest linearizable prefix'
    : anomaly.prefix.has(i) ? '\nchecker: part of the longest linearizable prefix' : '';
  return [
    `#${i} ${processLabel(h.nodeOfProcess, o.process[i] as number)}: ${opText(o.f[i] as string, o.key[i] as string, o.input[i] as string, o.output[i] as string)}`,
    `${o.status[i]}; called at ${ms(o.call[i] as number)}, ${ret < 0 ? 'outcome unknown' : `returned at ${ms(ret)} after ${ms(ret - (o.call[i] as number))}`}${role}`,
  ].join('\n');
}
