import type { FaultWindow, MessageColumns, SceneModel } from '../model/report-model.ts';
import { FATES } from '../model/report-model.ts';
import { typeColor, WINDOW_FILL } from './colors.ts';
import { el, ms } from './dom.ts';
import { lowerBound, TimeView } from './time-view.ts';

/** Above this many messages in view, draw density per pixel bucket instead of every arrow. */
export const DETAIL_LIMIT = 4000;
/** Below this many, arrowheads too. */
const ARROW_LIMIT = 1200;
const LEFT = 64;
const TOP = 18;
const BUCKET_PX = 3;
/** Opacity levels of aggregated strokes (more messages in a cell, more opaque). */
const ALPHA_STEPS = 8;

/** What the page's tests and users can drive: focus a message, read what is drawn. */
export interface SpaceTimeHandle {
  readonly view: TimeView;
  /** Zooms to a message and returns where its arrow's middle is, in the canvas's CSS pixels. */
  focus(index: number): { x: number; y: number };
  /** Marks an instant with a vertical line (the step mode's cursor), keeping it in view; undefined clears it. */
  cursor(t: number | undefined): void;
  /** How the last frame was drawn. */
  readonly stats: { mode: 'detail' | 'aggregate'; visible: number; drawMs: number };
}

/**
 * The space-time (Lamport) diagram: one lane per node, time left to right, an arrow per message
 * from its send to its delivery (true time); drops end in a cross part of the way, duplicates
 * are marked at each extra arrival, in-flight messages run off to the right. Partitions,
 * crashes and pauses shade the lanes they touch. Zoom with the wheel, pan by dragging; click an
 * arrow for the message's payload, stamps and fate.
 */
export function spaceTime(parent: HTMLElement, m: MessageColumns, windows: readonly FaultWindow[], endMs: number, scenes: readonly SceneModel[] = []): SpaceTimeHandle {
  const canvas = el('canvas', { class: 'view', id: 'spacetime-canvas' });
  const info = el('div', { class: 'toolbar' });
  const reset = el('button', { type: 'button' }, 'reset zoom');
  const details = el('div', { class: 'details', id: 'message-details' }, 'Click an arrow to see the message (zoom in until single arrows show).');
  const legend = el('div', { class: 'toolbar legend' });
  m.types.forEach((t, i) => legend.append(el('span', {}, el('span', { class: 'swatch', style: `background:${typeColor(i)}` }), t)));
  legend.append(el('span', {}, '× dropped   ◦ duplicate copy   ⇢ still in flight'));
  parent.append(info, canvas, legend, details);
  info.append(reset);
  const status = el('span', {});
  info.append(status);

  const lanes = m.lanes.length;
  const laneH = Math.max(14, Math.min(56, Math.floor(520 / Math.max(1, lanes))));
  // A lesson's scenes: a labelled strip under the lanes, one band per scene.
  const sceneH = scenes.length > 0 ? 16 : 0;
  const height = TOP + lanes * laneH + 6 + sceneH;
  const laneY = (i: number) => TOP + laneH * (i + 0.5);
  let selected = -1;
  let cursorT: number | undefined;
  const stats: SpaceTimeHandle['stats'] = { mode: 'detail', visible: 0, drawMs: 0 };
  const view = new TimeView(canvas, 0, endMs, draw, click);
  reset.addEventListener('click', () => view.reset());

  /** Messages that may cross the view: sent after t0 − maxSpan, before t1. */
  function visibleRange(): [number, number] {
    return [lowerBound(m.send, view.t0 - m.maxSpan - 1e-9), lowerBound(m.send, view.t1 + 1e-9)];
  }

  /** Where a message's arrow ends: its delivery, its drop (part of the way), or off to the right. */
  function endPoint(i: number): { x: number; y: number } {
    const from = laneY(m.from[i] as number);
    const to = laneY(m.to[i] as number);
    const end = m.end[i] as number;
    const fate = m.fate[i] as number;
    if (end < 0) return { x: view.x(endMs), y: from + (to - from) * 0.5 };
    if (FATES[fate] === 'dropped') return { x: view.x(end), y: from + (to - from) * 0.45 };
    return { x: view.x(end), y: to };
  }

  function draw(): void {
    const started = performance.now();
    const ctx = view.beginFrame(canvas, parent, height, LEFT);
    for (const w of windows) {
      if (w.to < view.t0 || w.from > view.t1) continue;
      ctx.fillStyle = WINDOW_FILL[w.kind] ?? 'rgba(0,0,0,0.08)';
      const x0 = Math.max(LEFT, view.x(w.from));
      const x1 = Math.min(view.right, view.x(w.to));
      m.lanes.forEach((lane, i) => {
        if (w.nodes.length === 0 || w.nodes.includes(lane)) ctx.fillRect(x0, laneY(i) - laneH / 2 + 1, Math.max(1, x1 - x0), laneH - 2);
      });
    }
    view.drawAxis(ctx, TOP - 4, height);
    ctx.strokeStyle = '#98a2b3';
    ctx.fillStyle = '#1d2330';
    ctx.font = '12px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    m.lanes.forEach((lane, i) => {
      ctx.fillText(lane, 6, laneY(i));
      ctx.beginPath();
      ctx.moveTo(LEFT, laneY(i));
      ctx.lineTo(view.right, laneY(i));
      ctx.stroke();
    });
    ctx.save();
    ctx.beginPath();
    ctx.rect(LEFT, 0, view.right - LEFT, height);
    ctx.clip();
    drawScenes(ctx);
    if (cursorT !== undefined) {
      ctx.strokeStyle = '#3860d6';
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(Math.round(view.x(cursorT)) + 0.5, TOP - 4);
      ctx.lineTo(Math.round(view.x(cursorT)) + 0.5, height);
      ctx.stroke();
      ctx.lineWidth = 1;
    }
    const [a, b] = visibleRange();
    stats.visible = b - a;
    if (b - a > DETAIL_LIMIT) drawAggregate(ctx, a, b);
    else drawDetail(ctx, a, b);
    ctx.restore();
    stats.drawMs = performance.now() - started;
    status.textContent = `${ms(view.t0)} – ${ms(view.t1)} · ${(b - a).toLocaleString('en-US')} messages in view · ${stats.mode === 'detail' ? 'every arrow' : `density per ${BUCKET_PX}px (zoom in for arrows)`} · ${stats.drawMs.toFixed(1)} ms`;
    canvas.dataset['mode'] = stats.mode;
    canvas.dataset['visible'] = String(b - a);
  }

  function drawScenes(ctx: CanvasRenderingContext2D): void {
    if (sceneH === 0) return;
    const top = height - sceneH;
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    for (const [i, s] of scenes.entries()) {
      if (s.to < view.t0 || s.from > view.t1) continue;
      const x0 = Math.max(LEFT, view.x(s.from));
      const x1 = Math.min(view.right, view.x(s.to));
      ctx.fillStyle = i % 2 === 0 ? '#eef1f6' : '#e2e7f0';
      ctx.fillRect(x0, top, Math.max(1, x1 - x0), sceneH - 2);
      ctx.fillStyle = '#1d2330';
      ctx.fillText(`${i + 1}. ${s.name}`, x0 + 3, top + sceneH / 2 - 1, Math.max(0, x1 - x0 - 6));
    }
  }

  function drawDetail(ctx: CanvasRenderingContext2D, a: number, b: number): void {
    stats.mode = 'detail';
    ctx.lineWidth = 1.2;
    for (let i = a; i < b; i++) {
      const x0 = view.x(m.send[i] as number);
      const y0 = laneY(m.from[i] as number);
      const p = endPoint(i);
      const color = typeColor(m.type[i] as number);
      ctx.strokeStyle = color;
      ctx.setLineDash((m.end[i] as number) < 0 ? [4, 3] : []);
      ctx.beginPath();
      ctx.moveTo(x0, y0);
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
      const fate = FATES[m.fate[i] as number];
      if (fate === 'dropped') cross(ctx, p.x, p.y, 4, '#d64545');
      else if (b - a <= ARROW_LIMIT) arrowHead(ctx, x0, y0, p.x, p.y, color);
      if (fate === 'duplicated') {
        for (const t of m.copies[String(i)] ?? []) {
          const x = view.x(t);
          const y = laneY(m.to[i] as number);
          ctx.beginPath();
          ctx.moveTo(x0, y0);
          ctx.lineTo(x, y);
          ctx.stroke();
          ctx.beginPath();
          ctx.arc(x, y, 3.5, 0, Math.PI * 2);
          ctx.stroke();
        }
      }
    }
    ctx.setLineDash([]);
    if (selected >= 0) {
      const p = endPoint(selected);
      ctx.strokeStyle = '#111';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(view.x(m.send[selected] as number), laneY(m.from[selected] as number));
      ctx.lineTo(p.x, p.y);
      ctx.stroke();
    }
  }

  /** Counts per (pixel bucket, from lane, to lane) and drops per (bucket, lane); one stroke per cell. */
  function drawAggregate(ctx: CanvasRenderingContext2D, a: number, b: number): void {
    stats.mode = 'aggregate';
    const buckets = Math.ceil((view.right - LEFT) / BUCKET_PX) + 1;
    const pairs = lanes * lanes;
    const count = new Uint32Array(buckets * pairs);
    const type = new Int32Array(buckets * pairs);
    const span = new Float64Array(buckets * pairs);
    const drops = new Uint32Array(buckets * lanes);
    const scale = (view.right - LEFT) / (view.t1 - view.t0);
    for (let i = a; i < b; i++) {
      const bucket = Math.floor(((m.send[i] as number) - view.t0) * scale / BUCKET_PX);
      if (bucket < 0 || bucket >= buckets) continue;
      const from = m.from[i] as number;
      const cell = bucket * pairs + from * lanes + (m.to[i] as number);
      if (count[cell] === 0) type[cell] = m.type[i] as number;
      count[cell] = (count[cell] as number) + 1;
      const end = m.end[i] as number;
      span[cell] = (span[cell] as number) + (end < 0 ? 0 : end - (m.send[i] as number));
      if (FATES[m.fate[i] as number] === 'dropped') drops[bucket * lanes + from] = (drops[bucket * lanes + from] as number) + 1;
    }
    // One path per (type, opacity step): a few dozen strokes however many cells there are.
    const groups = new Map<number, number[]>();
    for (let cell = 0; cell < count.length; cell++) {
      const n = count[cell] as number;
      if (n === 0) continue;
      const alpha = Math.min(ALPHA_STEPS, Math.round(ALPHA_STEPS * Math.min(1, 0.12 + Math.log2(1 + n) / 7)));
      const key = (type[cell] as number) * (ALPHA_STEPS + 1) + alpha;
      let cells = groups.get(key);
      if (!cells) groups.set(key, (cells = []));
      cells.push(cell);
    }
    ctx.lineWidth = 1;
    for (const [key, cells] of groups) {
      ctx.globalAlpha = (key % (ALPHA_STEPS + 1)) / ALPHA_STEPS;
      ctx.strokeStyle = typeColor(Math.floor(key / (ALPHA_STEPS + 1)));
      ctx.beginPath();
      for (const cell of cells) {
        const bucket = Math.floor(cell / pairs);
        const pair = cell % pairs;
        const x0 = LEFT + bucket * BUCKET_PX;
        ctx.moveTo(x0, laneY(Math.floor(pair / lanes)));
        ctx.lineTo(x0 + ((span[cell] as number) / (count[cell] as number)) * scale, laneY(pair % lanes));
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.strokeStyle = '#d64545';
    ctx.lineWidth = 1.4;
    ctx.beginPath();
    for (let cell = 0; cell < drops.length; cell++) {
      const n = drops[cell] as number;
      if (n === 0) continue;
      const x = LEFT + Math.floor(cell / lanes) * BUCKET_PX;
      const y = laneY(cell % lanes) - laneH * 0.25;
      const r = Math.min(6, 2 + Math.log2(1 + n));
      ctx.moveTo(x - r, y - r);
      ctx.lineTo(x + r, y + r);
      ctx.moveTo(x + r, y - r);
      ctx.lineTo(x - r, y + r);
    }
    ctx.stroke();
  }

  function click(x: number, y: number): void {
    const [a, b] = visibleRange();
    if (b - a > DETAIL_LIMIT) {
      const t = view.time(x);
      const span = (view.t1 - view.t0) / 8;
      view.set(t - span / 2, t + span / 2);
      details.textContent = 'Zoomed in around the click; click again on a single arrow to see its message.';
      return;
    }
    let best = -1;
    let bestD = 7;
    for (let i = a; i < b; i++) {
      const p = endPoint(i);
      const d = segmentDistance(x, y, view.x(m.send[i] as number), laneY(m.from[i] as number), p.x, p.y);
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    selected = best;
    details.textContent = best < 0 ? 'No message there.' : describe(m, best);
    details.dataset['message'] = String(best);
    view.schedule();
  }

  draw();
  return {
    view,
    stats,
    cursor(t: number | undefined) {
      cursorT = t;
      if (t !== undefined && (t < view.t0 || t > view.t1)) {
        const span = view.t1 - view.t0;
        view.set(t - span / 2, t + span / 2);
      } else view.schedule();
    },
    focus(index: number) {
      const send = m.send[index] as number;
      const end = (m.end[index] as number) < 0 ? endMs : (m.end[index] as number);
      const pad = Math.max(0.05, (end - send) * 0.6);
      view.set(send - pad, end + pad);
      draw();
      const p = endPoint(index);
      return { x: (view.x(send) + p.x) / 2, y: (laneY(m.from[index] as number) + p.y) / 2 };
    },
  };
}

/** A message's details: what, between whom, when, its stamps and its fate. */
export function describe(m: MessageColumns, i: number): string {
  const fate = FATES[m.fate[i] as number];
  const end = m.end[i] as number;
  const sent = m.send[i] as number;
  const fateText =
    fate === 'dropped' ? `dropped at ${ms(end)} (${m.reasons[m.reason[i] as number] ?? 'dropped'})`
    : fate === 'in-flight' ? 'still in flight when the trace ended'
    : fate === 'duplicated' ? `delivered at ${ms(end)} after ${ms(end - sent)}; duplicated: more copies at ${(m.copies[String(i)] ?? []).map(ms).join(', ')}`
    : `delivered at ${ms(end)} after ${ms(end - sent)}`;
  const lamport = m.lamport[i] as number;
  return [
    `${m.types[m.type[i] as number]} (${m.kinds[m.kind[i] as number]} #${m.id[i]}, ${m.bytes[i]} bytes)`,
    `${m.actors[m.src[i] as number]} → ${m.actors[m.dst[i] as number]}`,
    `sent at ${ms(sent)}; ${fateText}`,
    `stamps: Lamport ${lamport < 0 ? '—' : lamport}, HLC ${m.hlc[i] || '—'}${m.vc[i] ? `, vector ${m.vc[i]}` : ''}`,
    `payload: ${m.payloads[m.payload[i] as number] || '—'}`,
  ].join('\n');
}

function cross(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, color: string): void {
  ctx.save();
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.6;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x - r, y - r);
  ctx.lineTo(x + r, y + r);
  ctx.moveTo(x + r, y - r);
  ctx.lineTo(x - r, y + r);
  ctx.stroke();
  ctx.restore();
}

function arrowHead(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, color: string): void {
  const angle = Math.atan2(y1 - y0, x1 - x0);
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - 7 * Math.cos(angle - 0.4), y1 - 7 * Math.sin(angle - 0.4));
  ctx.lineTo(x1 - 7 * Math.cos(angle + 0.4), y1 - 7 * Math.sin(angle + 0.4));
  ctx.closePath();
  ctx.fill();
}

function segmentDistance(px: number, py: number, x0: number, y0: number, x1: number, y1: number): number {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len));
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}
