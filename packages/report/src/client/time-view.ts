import type { FaultWindow } from '../model/report-model.ts';
import { WINDOW_FILL } from './colors.ts';
import { ms, sizeCanvas } from './dom.ts';

/**
 * The visible stretch of time of one canvas view, and the zoom (wheel) and pan (drag) that move
 * it. Redraws are coalesced into one per animation frame. A drag shorter than 4 px is a click.
 */
export class TimeView {
  t0: number;
  t1: number;
  left = 0;
  right = 0;
  private readonly full: [number, number];
  private frame = 0;
  private readonly redraw: () => void;

  constructor(canvas: HTMLCanvasElement, from: number, to: number, redraw: () => void, onClick: (x: number, y: number) => void) {
    this.full = [from, to > from ? to : from + 1];
    [this.t0, this.t1] = this.full;
    this.redraw = redraw;
    canvas.addEventListener('wheel', (e) => {
      e.preventDefault();
      const at = this.time(e.offsetX);
      const factor = e.deltaY < 0 ? 1 / 1.4 : 1.4;
      this.set(at - (at - this.t0) * factor, at + (this.t1 - at) * factor);
    }, { passive: false });
    let down: { x: number; y: number; t0: number; t1: number } | undefined;
    let moved = false;
    canvas.addEventListener('mousedown', (e) => {
      down = { x: e.offsetX, y: e.offsetY, t0: this.t0, t1: this.t1 };
      moved = false;
    });
    canvas.addEventListener('mousemove', (e) => {
      if (!down || (e.buttons & 1) === 0) return;
      if (Math.abs(e.offsetX - down.x) > 3) moved = true;
      if (!moved) return;
      const dt = ((e.offsetX - down.x) / Math.max(1, this.right - this.left)) * (down.t1 - down.t0);
      this.set(down.t0 - dt, down.t1 - dt);
    });
    canvas.addEventListener('mouseup', (e) => {
      if (down && !moved) onClick(e.offsetX, e.offsetY);
      down = undefined;
    });
    canvas.addEventListener('dblclick', () => this.reset());
  }

  /** Starts a frame: sizes the canvas (at least 600 px wide), sets the plot's edges and clears it. */
  beginFrame(canvas: HTMLCanvasElement, parent: HTMLElement, height: number, left: number): CanvasRenderingContext2D {
    const width = Math.max(600, canvas.clientWidth || parent.clientWidth || 900);
    const ctx = sizeCanvas(canvas, width, height);
    this.left = left;
    this.right = width - 8;
    ctx.clearRect(0, 0, width, height);
    return ctx;
  }

  /** Shades fault windows across the whole plot, from `top` down to `bottom`. */
  shadeWindows(ctx: CanvasRenderingContext2D, windows: readonly FaultWindow[], top: number, bottom: number): void {
    for (const w of windows) {
      ctx.fillStyle = WINDOW_FILL[w.kind] ?? 'rgba(0,0,0,0.08)';
      const x0 = Math.max(this.left, this.x(w.from));
      const x1 = Math.min(this.right, this.x(w.to));
      if (x1 > x0) ctx.fillRect(x0, top, x1 - x0, bottom - top);
    }
  }

  /** Shows `[t0, t1]` (kept inside the run, at least a microsecond wide). */
  set(t0: number, t1: number): void {
    const [min, max] = this.full;
    const span = Math.min(max - min, Math.max(0.001, t1 - t0));
    let a = Math.max(min, t0);
    if (a + span > max) a = max - span;
    this.t0 = a;
    this.t1 = a + span;
    this.schedule();
  }

  reset(): void {
    this.set(this.full[0], this.full[1]);
  }

  schedule(): void {
    if (this.frame !== 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.redraw();
    });
  }

  x(t: number): number {
    return this.left + ((t - this.t0) / (this.t1 - this.t0)) * (this.right - this.left);
  }

  time(x: number): number {
    return this.t0 + ((x - this.left) / Math.max(1, this.right - this.left)) * (this.t1 - this.t0);
  }

  /** Draws tick labels along the top and faint grid lines down to `bottom`. */
  drawAxis(ctx: CanvasRenderingContext2D, top: number, bottom: number): void {
    const span = this.t1 - this.t0;
    const raw = span / 8;
    const pow = 10 ** Math.floor(Math.log10(raw));
    const step = ([1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw) as number;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#667085';
    ctx.strokeStyle = '#eceef2';
    ctx.textBaseline = 'top';
    for (let t = Math.ceil(this.t0 / step) * step; t <= this.t1; t += step) {
      const x = Math.round(this.x(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      ctx.fillText(ms(t), x + 2, 2);
    }
    ctx.restore();
  }
}

/** First index whose value is ≥ `t` in an ascending array. */
export function lowerBound(values: readonly number[], t: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
