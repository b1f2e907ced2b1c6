import type { FaultWindow, MembershipModel } from '../model/report-model.ts';
import { MEMBER_COLOR } from './colors.ts';
import { el } from './dom.ts';
import { TimeView } from './time-view.ts';

const LEFT = 110;
const TOP = 18;
// 12-px bars with 10-px labels beside them: readable without zooming (issue 22: 7 px was too thin).
const ROW = 13;

/**
 * Membership over time: for each node, one thin row per other member coloured by the status
 * in that node's own view (alive, suspect, unreachable, down, left), and a quorum row (dark:
 * has a quorum, red: lost it). Times are each observer's own clock.
 */
export function membershipView(parent: HTMLElement, mm: MembershipModel, windows: readonly FaultWindow[], endMs: number): number {
  const blocks = mm.nodes.map((observer) => ({ observer, tracks: mm.tracks.filter((t) => t.observer === observer), quorum: mm.quorum.find((q) => q.observer === observer) }));
  const rows = blocks.reduce((n, b) => n + b.tracks.length + (b.quorum ? 1 : 0) + 1, 0);
  const height = TOP + rows * ROW + 8;
  const canvas = el('canvas', { class: 'view', id: 'membership-canvas' });
  const legend = el('div', { class: 'toolbar legend' },
    ...Object.entries(MEMBER_COLOR).map(([s, c]) => el('span', {}, el('span', { class: 'swatch', style: `background:${c}` }), s)),
    el('span', {}, el('span', { class: 'swatch', style: 'background:#344054' }), 'quorum'), el('span', {}, el('span', { class: 'swatch', style: 'background:#d64545' }), 'no quorum'));
  parent.append(canvas, legend);
  canvas.dataset['tracks'] = String(mm.tracks.length);
  canvas.dataset['row'] = String(ROW);
  const view = new TimeView(canvas, 0, endMs, draw, () => undefined);

  function span(ctx: CanvasRenderingContext2D, at: readonly number[], y: number, color: (i: number) => string): void {
    for (let i = 0; i < at.length; i++) {
      const x0 = Math.max(LEFT, view.x(at[i] as number));
      const x1 = Math.min(view.right, view.x(i + 1 < at.length ? (at[i + 1] as number) : endMs));
      if (x1 <= x0) continue;
      ctx.fillStyle = color(i);
      ctx.fillRect(x0, y, x1 - x0, ROW - 1);
    }
  }

  function draw(): void {
    const ctx = view.beginFrame(canvas, parent, height, LEFT);
    view.shadeWindows(ctx, windows, TOP, height);
    view.drawAxis(ctx, TOP - 4, height);
    ctx.font = '10px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    let y = TOP;
    for (const b of blocks) {
      ctx.fillStyle = '#1d2330';
      ctx.fillText(`${b.observer} sees`, 4, y + ((b.tracks.length + 1) * ROW) / 2);
      for (const t of b.tracks) {
        ctx.fillStyle = '#667085';
        ctx.fillText(t.member, LEFT - 28, y + ROW / 2);
        span(ctx, t.at, y, (i) => MEMBER_COLOR[t.status[i] as string] ?? '#999');
        y += ROW;
      }
      if (b.quorum) {
        const q = b.quorum;
        ctx.fillStyle = '#667085';
        ctx.fillText('quorum', LEFT - 40, y + ROW / 2);
        span(ctx, q.at, y, (i) => (q.has[i] ? '#344054' : '#d64545'));
        y += ROW;
      }
      y += ROW;
    }
  }

  draw();
  return mm.tracks.length;
}
