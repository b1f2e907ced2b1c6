import type { ReportModel } from '../model/report-model.ts';
import { typeColor } from './colors.ts';
import { el, ms, sizeCanvas } from './dom.ts';

type Clocks = NonNullable<ReportModel['clocks']>;
type Stamp = Clocks['stamps'][number];

const W = 440;
const H = 280;
const PAD = { left: 62, right: 14, top: 14, bottom: 34 };

/**
 * A clock lesson's picture, one chart per scene: true time across, clock reading up. Each node's
 * clock is a line (true time plus its offset; the dashed diagonal is true time itself) and each
 * stamped event a point at (when it truly happened, the stamp it got). An event further right
 * with a lower point was stamped earlier than it happened: last-writer-wins then keeps the other
 * one. The value every replica kept is a filled point.
 */
export function clocksView(parent: HTMLElement, clocks: Clocks, titleOf: (scene: string) => string): number {
  const nodes = Object.keys(clocks.offsets).sort();
  const scenes = [...new Set(clocks.stamps.map((s) => s.scene))];
  const wrap = el('div', { class: 'charts' });
  parent.append(el('div', { class: 'toolbar legend' }, ...nodes.map((n, i) =>
    el('span', {}, el('span', { class: 'swatch', style: `background:${typeColor(i)}` }), `${n}'s clock: ${signed(clocks.offsets[n] ?? 0)} ms`)),
  el('span', {}, '- - true time   ● the value every replica kept   ○ not kept (overwritten, or lost)')), wrap);
  for (const scene of scenes) {
    const stamps = clocks.stamps.filter((s) => s.scene === scene);
    const canvas = el('canvas', { class: 'clock-chart', 'data-clock-scene': scene, width: String(W), height: String(H) });
    canvas.style.width = `${W}px`;
    wrap.append(el('figure', {}, el('figcaption', {}, titleOf(scene)), canvas,
      el('div', { class: 'details' }, stamps.map((s) => `${s.label} at ${s.node}: true ${ms(s.at)}, stamped ${stampText(s)}${s.kept ? ' — kept' : ' — not kept'}`).join('\n'))));
    draw(canvas, stamps, clocks.offsets, nodes);
  }
  return scenes.length;
}

function draw(canvas: HTMLCanvasElement, stamps: readonly Stamp[], offsets: Readonly<Record<string, number>>, nodes: readonly string[]): void {
  const ctx = sizeCanvas(canvas, W, H);
  const times = stamps.map((s) => s.at);
  const readings = stamps.map((s) => s.l);
  const offs = Object.values(offsets);
  const t0 = Math.min(...times) - 15;
  const t1 = Math.max(...times) + 15;
  const v0 = Math.min(t0 + Math.min(0, ...offs), ...readings) - 5;
  const v1 = Math.max(t1 + Math.max(0, ...offs), ...readings) + 5;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number) => H - PAD.bottom - ((v - v0) / (v1 - v0)) * (H - PAD.top - PAD.bottom);
  ctx.font = '11px system-ui, sans-serif';
  ctx.strokeStyle = '#98a2b3';
  ctx.strokeRect(PAD.left, PAD.top, W - PAD.left - PAD.right, H - PAD.top - PAD.bottom);
  ctx.fillStyle = '#667085';
  ctx.fillText('true time →', W - PAD.right - 64, H - 8);
  ctx.fillText(ms(t0), PAD.left, H - PAD.bottom + 14);
  ctx.save();
  ctx.translate(12, H - PAD.bottom - 30);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('clock reading →', 0, 0);
  ctx.restore();
  ctx.fillText(ms(v1), PAD.left - 56, PAD.top + 10);
  ctx.fillText(ms(v0), PAD.left - 56, H - PAD.bottom);
  ctx.save();
  ctx.beginPath();
  ctx.rect(PAD.left, PAD.top, W - PAD.left - PAD.right, H - PAD.top - PAD.bottom);
  ctx.clip();
  const line = (offset: number, color: string, dash: number[]) => {
    ctx.strokeStyle = color;
    ctx.setLineDash(dash);
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x(t0), y(t0 + offset));
    ctx.lineTo(x(t1), y(t1 + offset));
    ctx.stroke();
  };
  line(0, '#98a2b3', [4, 4]);
  nodes.forEach((n, i) => line(offsets[n] ?? 0, typeColor(i), []));
  ctx.setLineDash([]);
  for (const s of stamps) {
    const color = typeColor(Math.max(0, nodes.indexOf(s.node)));
    ctx.beginPath();
    ctx.arc(x(s.at), y(s.l), 5, 0, Math.PI * 2);
    ctx.lineWidth = 2;
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    if (s.kept) ctx.fill();
    else ctx.stroke();
    ctx.fillStyle = '#1d2330';
    ctx.fillText(`${s.label} ${stampText(s)}`, x(s.at) + 8, y(s.l) - 6);
  }
  ctx.restore();
}

function stampText(s: Stamp): string {
  return s.c === 0 ? `${s.l}` : `${s.l}.${s.c}`;
}

function signed(n: number): string {
  return n >= 0 ? `+${n}` : String(n);
}
